package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.Map;

/**
 * A sweeper job that lists objects under a prefix and deletes those older than {@code
 * deleteOlderThan} (by the server's clock), skipping legally held objects and keeping consented
 * ones for their longer retention.
 */
public record ObjectSweep(
    String prefix,
    Map<String, String> tags,
    Duration deleteOlderThan,
    ObjectConsent consent,
    String legalHoldTagKey,
    String schedule,
    long maxDeletionsPerRun,
    Role role)
    implements JobMechanism {

  public ObjectSweep {
    tags = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
  }

  @Override
  public String kind() {
    return "Sweeper";
  }

  @Override
  public String summary() {
    return "sweeper ("
        + schedule
        + "): delete objects under "
        + prefix
        + (tags.isEmpty() ? "" : " tagged " + tags)
        + " older than "
        + DurationText.format(deleteOlderThan)
        + (consent == null
            ? ""
            : "; with " + consent.describe() + " keep " + DurationText.format(consent.retention()))
        + (legalHoldTagKey == null ? "" : "; skip objects tagged " + legalHoldTagKey);
  }
}
