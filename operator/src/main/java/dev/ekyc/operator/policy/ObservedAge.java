package dev.ekyc.operator.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * What a store really holds for one rule, read from the store rather than inferred from the
 * mechanisms: the age of the oldest data of one kind ({@code what}: rows, sensitive values, an
 * index, objects) that the rule does not keep (no consent, no hold), where it is (table, index,
 * prefix), the age past which it counts as overdue ({@code bound}), the backend's own account of
 * why it is still there when it gives one ({@code reason}: an ILM step in ERROR, an ISM failed
 * action, "not attached"), and the backend's time of the read. {@code ageSeconds} is null when the
 * store holds no such data. Never a key, a row value or an object name beyond the rule's own
 * prefix.
 */
public record ObservedAge(
    String what, String where, Long ageSeconds, Duration bound, String reason, Instant observedAt) {

  public static ObservedAge none(String what, String where, Duration bound, Instant observedAt) {
    return new ObservedAge(what, where, null, bound, null, observedAt);
  }

  /**
   * True when the oldest data is older than the bound: the mechanisms have not done what they
   * guarantee.
   */
  public boolean overdue() {
    return ageSeconds != null && bound != null && ageSeconds > bound.toSeconds();
  }

  /**
   * One line for a condition message or an event: what, where, how old, the bound and the backend's
   * reason.
   */
  public String describe() {
    if (ageSeconds == null) {
      return "no " + what + " in " + where;
    }
    return "oldest "
        + what
        + " in "
        + where
        + " is "
        + DurationText.format(java.time.Duration.ofSeconds(ageSeconds))
        + " old"
        + (bound == null ? "" : (overdue() ? ", past " : ", within ") + DurationText.format(bound))
        + (reason == null ? "" : " (" + reason + ")");
  }
}
