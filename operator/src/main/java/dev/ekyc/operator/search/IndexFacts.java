package dev.ekyc.operator.search;

import java.time.Instant;
import java.util.Map;

/**
 * What the cluster says about one index that a rule's pattern matches: its creation time (the
 * {@code index.creation_date} setting, set by the cluster when the index was created; null when
 * absent), whether it is hidden ({@code index.hidden}), and its aliases, each with its {@code
 * is_write_index} flag (null when not set).
 */
record IndexFacts(String name, Instant created, boolean hidden, Map<String, Boolean> aliases) {

  IndexFacts {
    // Not Map.copyOf: an unset is_write_index is a null value.
    aliases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(aliases));
  }

  /**
   * System and hidden indices (a leading '.', as data streams' backing indices) are never the
   * sweep's.
   */
  boolean systemOrHidden() {
    return hidden || name.startsWith(".");
  }
}
