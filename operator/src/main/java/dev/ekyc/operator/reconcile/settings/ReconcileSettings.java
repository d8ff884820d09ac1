package dev.ekyc.operator.reconcile.settings;

import java.time.Clock;
import java.time.Duration;

/**
 * Settings the reconcilers share. {@code dryRun} forces Audit behaviour for every policy, whatever
 * its spec.mode says: nothing in a backend is changed or deleted. {@code driftInterval} is how
 * often every applied mechanism is re-read and compared with the plan; {@code cleanupTimeout} how
 * long a deleted RetentionPolicy keeps retrying to remove its backend configuration before it lets
 * go (so an unreachable backend cannot block namespace deletion forever).
 */
public record ReconcileSettings(
    boolean dryRun,
    ProbeSchedule probeSchedule,
    Clock clock,
    Duration driftInterval,
    Duration cleanupTimeout) {
  public static final Duration DEFAULT_DRIFT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CLEANUP_TIMEOUT = Duration.ofMinutes(10);

  public ReconcileSettings {
    if (driftInterval == null || driftInterval.isNegative() || driftInterval.isZero()) {
      throw new IllegalArgumentException(
          "the drift interval must be positive, got " + driftInterval);
    }
    if (cleanupTimeout == null || cleanupTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "the cleanup timeout must not be negative, got " + cleanupTimeout);
    }
  }

  public ReconcileSettings(boolean dryRun, ProbeSchedule probeSchedule, Clock clock) {
    this(dryRun, probeSchedule, clock, DEFAULT_DRIFT_INTERVAL, DEFAULT_CLEANUP_TIMEOUT);
  }

  public static ReconcileSettings defaults() {
    return new ReconcileSettings(false, ProbeSchedule.DEFAULT, Clock.systemUTC());
  }

  public ReconcileSettings withDryRun(boolean value) {
    return new ReconcileSettings(value, probeSchedule, clock, driftInterval, cleanupTimeout);
  }

  public ReconcileSettings withDriftInterval(Duration value) {
    return new ReconcileSettings(dryRun, probeSchedule, clock, value, cleanupTimeout);
  }

  public ReconcileSettings withCleanupTimeout(Duration value) {
    return new ReconcileSettings(dryRun, probeSchedule, clock, driftInterval, value);
  }
}
