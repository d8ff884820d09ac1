package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * A CronJob that deletes rows older than {@code deleteOlderThan} in batches walking {@code
 * keyColumn}; rows with recorded consent are kept until {@code consentedRetention} (when set); held
 * rows are never deleted.
 */
public record TablePurge(
    String table,
    String timestampColumn,
    String keyColumn,
    Duration deleteOlderThan,
    SqlConsent consent,
    Duration consentedRetention,
    String legalHoldColumn,
    String schedule,
    int batchSize,
    long maxDeletionsPerRun,
    Role role)
    implements JobMechanism {

  @Override
  public String kind() {
    return "Purge";
  }

  @Override
  public String summary() {
    return "purge job ("
        + schedule
        + "): delete rows of "
        + table
        + " where "
        + timestampColumn
        + " is older than "
        + DurationText.format(deleteOlderThan)
        + (consent == null
            ? ""
            : " (with consent: " + DurationText.format(consentedRetention) + ")")
        + ", "
        + batchSize
        + " rows per batch by "
        + keyColumn
        + (legalHoldColumn == null ? "" : ", skipping rows where " + legalHoldColumn + " is true");
  }
}
