package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.TreeSet;

/**
 * The indices that carry the legal-hold alias, resolved explicitly so that no wildcard write can
 * reach them.
 */
final class LegalHolds {
  private LegalHolds() {}

  static Set<String> indicesWithAlias(SearchClient client, String alias) {
    Set<String> held = new TreeSet<>();
    if (alias == null || alias.isBlank()) {
      return held;
    }
    // 404 when no index carries the alias (Elasticsearch 6.8 answers {"error":"alias [x]
    // missing"}).
    JsonNode byIndex = client.readOrNull("/_alias/" + SearchPaths.segment(alias));
    if (byIndex != null) {
      byIndex.fieldNames().forEachRemaining(held::add);
    }
    return held;
  }
}
