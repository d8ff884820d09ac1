package dev.ekyc.operator.job;

/** How a run, or one rule of it, ended; the names are what the result record's JSON holds. */
public enum RunOutcome {
  Running,
  Succeeded,
  Failed,
  /**
   * The run refused to start (policy invalid, in conflict, store not Ready...) after taking its
   * Lease.
   */
  Refused,
  /** Never stored: what a reader calls a Running record whose deadline has passed. */
  Died
}
