package dev.ekyc.operator.reconcile;

import java.time.Clock;

/**
 * Settings the reconcilers share. {@code dryRun} forces Audit behaviour for every policy, whatever its
 * spec.mode says: nothing in a backend is changed or deleted.
 */
public record ReconcileSettings(boolean dryRun, ProbeSchedule probeSchedule, Clock clock) {

  public static ReconcileSettings defaults() {
    return new ReconcileSettings(false, ProbeSchedule.DEFAULT, Clock.systemUTC());
  }

  public ReconcileSettings withDryRun(boolean value) {
    return new ReconcileSettings(value, probeSchedule, clock);
  }
}
