package dev.ekyc.operator.sql;

import java.util.Locale;

/**
 * The time left within one table rule, for the engine's progress lines: the rows the run is
 * expected to change (counted before it starts, up to the cap; see {@link DueRows}) minus those
 * changed so far, at the current rate. Without an expectation the lines carry no estimate rather
 * than a made-up one.
 */
public final class TimeLeft {
  private final long expected;
  private long doneBefore;

  private TimeLeft(long expected) {
    this.expected = expected;
  }

  public static TimeLeft unknown() {
    return new TimeLeft(-1);
  }

  /**
   * {@code rows} erasures and deletions expected in this run (each row erased and then deleted
   * counts twice).
   */
  public static TimeLeft of(long rows) {
    return new TimeLeft(Math.max(0, rows));
  }

  /** A walk of the rule (erasure, then purge) finished, having changed {@code rows}. */
  void walked(long rows) {
    doneBefore += rows;
  }

  /**
   * Seconds left at {@code rowsPerSecond}, or -1 when unknown; never negative once more was done
   * than expected.
   */
  long secondsLeft(long rowsThisWalk, double rowsPerSecond) {
    if (expected < 0 || rowsPerSecond <= 0) {
      return -1;
    }
    long left = Math.max(0, expected - doneBefore - rowsThisWalk);
    return Math.round(left / rowsPerSecond);
  }

  /** The suffix of a progress line: ", about N s left of ~E rows", or "" when unknown. */
  String describe(long rowsThisWalk, double rowsPerSecond) {
    long seconds = secondsLeft(rowsThisWalk, rowsPerSecond);
    return seconds < 0
        ? ""
        : String.format(Locale.ROOT, ", about %d s left of ~%d rows", seconds, expected);
  }
}
