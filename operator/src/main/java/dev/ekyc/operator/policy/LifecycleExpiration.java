package dev.ekyc.operator.policy;

import java.util.Map;

/**
 * An S3 lifecycle expiration rule. S3 counts whole days and rounds up to the next midnight UTC, so
 * objects live at least {@code days} days: the rule can only delete late, never early.
 */
public record LifecycleExpiration(
    String ruleId, String prefix, Map<String, String> tags, int days, Role role)
    implements NativeMechanism {

  public LifecycleExpiration {
    tags = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
  }

  @Override
  public String kind() {
    return "LifecycleRule";
  }

  @Override
  public String summary() {
    return "S3 lifecycle rule "
        + ruleId
        + ": expire "
        + prefix
        + (tags.isEmpty() ? "" : " tagged " + tags)
        + " after "
        + days
        + (days == 1 ? " day" : " days");
  }
}
