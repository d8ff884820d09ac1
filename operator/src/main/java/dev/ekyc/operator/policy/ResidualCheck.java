package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Holds a rule's promises against the copies of its data outside the live store ({@link
 * ResidualCopy}). A copy that may outlive the shortest stated promise breaks it, unless the rule's
 * spec acknowledges that kind of copy ({@code spec.rules[].acceptedResiduals}, with a reason an
 * auditor reads). A copy the operator could not read breaks a promise under a day (it must never
 * read as compliant there) and is only a warning above. Pure.
 */
public final class ResidualCheck {
  static final Duration ONE_DAY = Duration.ofDays(1);

  private ResidualCheck() {}

  /**
   * One residual against one promise: {@code breaks} false means a warning (unknown copy, promise ≥
   * 1 day).
   */
  public record Verdict(
      ResidualCopy residual,
      String promiseField,
      Duration promise,
      boolean accepted,
      boolean breaks,
      String message,
      String fix) {}

  /**
   * The shortest promise the rule states and the field it is stated in; null when it states none.
   */
  public record Shortest(String field, Duration promise) {}

  public static Shortest shortest(RulePlan rule) {
    Promises p = rule.promises();
    Shortest best = null;
    best = shorter(best, "deleteWithin", p.deleteWithin());
    best = shorter(best, "sensitive.withoutConsent.deleteWithin", p.sensitiveDeleteWithin());
    best = shorter(best, "ConsentPolicy erasureAfterWithdrawal", p.erasureAfterWithdrawal());
    best = shorter(best, "withConsent.deleteWithin", p.deleteWithinWithConsent());
    return best;
  }

  private static Shortest shorter(Shortest best, String field, Duration promise) {
    return promise == null || (best != null && best.promise().compareTo(promise) <= 0)
        ? best
        : new Shortest(field, promise);
  }

  /**
   * The residuals that may outlive the rule's shortest promise; empty when the rule promises
   * nothing (the worst cases are then only reported). {@code acceptedKinds} are the kinds the spec
   * acknowledges (lower case).
   */
  public static List<Verdict> check(
      RulePlan rule, List<ResidualCopy> residuals, Set<String> acceptedKinds) {
    Shortest promise = shortest(rule);
    List<Verdict> out = new ArrayList<>();
    if (promise == null) {
      return out;
    }
    for (ResidualCopy residual : residuals) {
      if (!residual.mayOutlive(promise.promise())) {
        continue;
      }
      boolean accepted = acceptedKinds.contains(kindKey(residual.kind()));
      boolean unknownLong =
          residual.state() == ResidualCopy.State.UNKNOWN
              && promise.promise().compareTo(ONE_DAY) >= 0;
      String message =
          residual.text()
              + " may keep the data of rule "
              + rule.name()
              + " longer than its promise "
              + DurationText.format(promise.promise())
              + " ("
              + promise.field()
              + ")"
              + (residual.note() == null ? "" : ": " + residual.note());
      String fix =
          fixFor(residual)
              + ", or acknowledge it in spec.rules[].acceptedResiduals (kind "
              + kindKey(residual.kind())
              + ", with the reason)";
      out.add(
          new Verdict(
              residual,
              promise.field(),
              promise.promise(),
              accepted,
              !accepted && !unknownLong,
              message,
              fix));
    }
    return out;
  }

  /**
   * The kind as acceptedResiduals names it: "binlog", "open-transaction", "snapshots", "backups".
   */
  public static String kindKey(String kind) {
    return kind.toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private static String fixFor(ResidualCopy residual) {
    return switch (kindKey(residual.kind())) {
      case "binlog" ->
          "set binlog_expire_logs_seconds (expire_logs_days on older MariaDB) below the promise and"
              + " rotate the binary log (FLUSH BINARY LOGS) at least that often, or keep the value out of this database";
      case "open-transaction" ->
          "end long-running transactions (a snapshot opened before an erasure still reads the"
              + " erased values)";
      case "snapshots" ->
          "give the snapshot policy a retention (max_age) under the promise, or snapshot other"
              + " indices";
      case "backups" ->
          "shorten the declared backup retention below the promise (spec.backups on the DataStore)";
      default -> "bound this copy below the promise";
    };
  }
}
