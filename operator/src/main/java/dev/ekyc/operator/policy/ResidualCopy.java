package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * A copy of a rule's data outside what the rule's mechanisms delete: the database's binary log, an
 * open transaction's snapshot, search snapshots, backups the DataStore declares. {@code bound} is
 * how long the copy can outlive the live data (null: no bound known), {@code state} whether the
 * bound was read, declared or could not be read, {@code source} where the figure came from (a
 * server variable, an API, the DataStore's spec), and {@code note} what the operator cannot see or
 * what changes it, in the user's terms.
 */
public record ResidualCopy(String kind, State state, Duration bound, String source, String note) {

  public enum State {
    /**
     * Read from the store: the copy exists and lasts at most {@code bound} (null: without limit).
     */
    READ,
    /** Stated by the user on the DataStore (backups the operator cannot read). */
    DECLARED,
    /** The store does not keep this kind of copy (binary log off, no snapshot repository). */
    ABSENT,
    /** The operator could not read it (privileges, API missing): neither bounded nor absent. */
    UNKNOWN
  }

  public static ResidualCopy absent(String kind, String source) {
    return new ResidualCopy(kind, State.ABSENT, Duration.ZERO, source, null);
  }

  public static ResidualCopy unknown(String kind, String source, String note) {
    return new ResidualCopy(kind, State.UNKNOWN, null, source, note);
  }

  /** True when the copy may outlive {@code promise}: unbounded, unknown, or bounded above it. */
  public boolean mayOutlive(Duration promise) {
    return switch (state) {
      case ABSENT -> false;
      case UNKNOWN -> true;
      case READ, DECLARED -> bound == null || bound.compareTo(promise) > 0;
    };
  }

  /**
   * "binlog ≤ 7d (expire_logs_days)", "snapshots unbounded (GET _snapshot)", "binlog off", "binlog
   * unknown".
   */
  public String text() {
    String figure =
        switch (state) {
          case ABSENT -> "none";
          case UNKNOWN -> "unknown";
          case READ, DECLARED -> bound == null ? "unbounded" : "≤ " + DurationText.format(bound);
        };
    return kind + " " + figure + (source == null ? "" : " (" + source + ")");
  }
}
