package dev.ekyc.operator.jobrun;

import java.time.Clock;
import java.time.Duration;

/**
 * How one job process runs: its identity in the Lease and the record, the Lease duration, the
 * deadline after which a record still saying Running means the run died (the CronJob's
 * activeDeadlineSeconds), and the clock for start and end times (the cutoffs always come from the
 * backend's clock, never this one).
 */
public record JobSettings(String runId, Duration leaseDuration, Duration deadline, Clock clock) {
  public JobSettings {
    if (leaseDuration.isZero() || leaseDuration.isNegative()) {
      throw new IllegalArgumentException("the lease duration must be positive");
    }
    if (deadline.isZero() || deadline.isNegative()) {
      throw new IllegalArgumentException("the deadline must be positive");
    }
  }
}
