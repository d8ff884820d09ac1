package dev.ekyc.operator.job;

/**
 * Whether a run deletes: Enforce does; Audit (the policy's mode) and DryRun (--dry-run) only
 * report.
 */
public enum RunMode {
  Enforce,
  Audit,
  DryRun;

  /** Whether nothing is deleted by design. */
  public boolean reportOnly() {
    return this != Enforce;
  }
}
