package dev.ekyc.operator.sql;

/**
 * The shared cap of one run: erasure goes first (it keeps the row and removes the sensitive part,
 * the more urgent duty), the purge gets what is left, and together they never change more than
 * {@code maxDeletionsPerRun} rows.
 */
record DeletionBudget(long cap) {

  DeletionBudget {
    if (cap < 1) {
      throw new IllegalArgumentException("maxDeletionsPerRun must be at least 1");
    }
  }

  /** What the purge may still change after {@code erased} rows were erased. */
  long leftAfterErasing(long erased) {
    return Math.max(0, cap - erased);
  }

  boolean reached(long erased, long deleted) {
    return erased + deleted >= cap;
  }

  /**
   * A dry run's counts: what a real run would change with this cap, and whether rows would remain
   * due.
   */
  Counts dryRun(long erasable, long deletable) {
    long erased = Math.min(erasable, cap);
    long deleted = Math.min(deletable, leftAfterErasing(erased));
    return new Counts(erased, deleted, erasable + deletable > cap);
  }

  record Counts(long erased, long deleted, boolean backlog) {}
}
