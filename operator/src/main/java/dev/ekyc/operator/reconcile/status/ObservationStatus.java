package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.ObservedOldest;
import dev.ekyc.operator.api.v1alpha1.ResidualStatus;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.ResidualCheck;
import dev.ekyc.operator.policy.ResidualCopy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders what the store really holds ({@link ObservationFinding}) into a RetentionPolicy's status:
 * per rule the oldest data (with the backend's reason), the residual copies next to the live worst
 * case ("live 2h15m; binlog ≤ 7d"), the policy's OLDEST column, and the problems that make the
 * policy not Compliant: data past its bound ({@code DeletionOverdue}, observed), a copy outliving a
 * promise it was not acknowledged for ({@code ResidualOutlivesPromise}).
 */
final class ObservationStatus {
  static final String RESIDUAL = "ResidualOutlivesPromise";

  private ObservationStatus() {}

  /**
   * Fills the rules' observed fields; returns the problems (reason, message) for Compliant, in rule
   * order.
   */
  static List<JobResults.Problem> render(
      RetentionPolicyStatus status, ObservationFinding.Observed observed) {
    List<JobResults.Problem> problems = new ArrayList<>();
    long oldestOverall = -1;
    for (RuleStatus rule : status.rules) {
      List<ObservedAge> ages = observed.oldest().getOrDefault(rule.name, List.of());
      rule.oldest =
          ages.stream()
              .map(ObservationStatus::oldest)
              .collect(Collectors.toCollection(ArrayList::new));
      for (ObservedAge age : ages) {
        if (age.ageSeconds() != null) {
          oldestOverall = Math.max(oldestOverall, age.ageSeconds());
        }
        if (age.overdue()) {
          problems.add(
              new JobResults.Problem(
                  JobResults.OVERDUE,
                  "rule " + rule.name + ": " + age.describe() + " (observed in the store)"));
        }
      }
      String unreadable =
          observed.unreadable().getOrDefault(rule.name, observed.unreadable().get("*"));
      if (unreadable != null) {
        rule.message =
            (rule.message == null ? "" : rule.message + "; ")
                + "oldest data not read: "
                + unreadable;
      }
      List<ResidualCheck.Verdict> verdicts = observed.verdicts().getOrDefault(rule.name, List.of());
      rule.residuals =
          observed.residuals().stream()
              .map(r -> residual(r, verdicts))
              .collect(Collectors.toCollection(ArrayList::new));
      rule.copies = copies(rule.worstCaseAge, observed.residuals());
      for (ResidualCheck.Verdict v : verdicts) {
        if (v.breaks()) {
          problems.add(
              new JobResults.Problem(
                  RESIDUAL, "rule " + rule.name + ": " + v.message() + "; fix: " + v.fix()));
        }
      }
    }
    status.oldestAge =
        oldestOverall < 0 ? null : DurationText.format(Duration.ofSeconds(oldestOverall));
    return problems;
  }

  /** "live 2h15m; binlog ≤ 7d (binlog_expire_logs_seconds=604800); open transaction none". */
  static String copies(String liveWorstCase, List<ResidualCopy> residuals) {
    StringBuilder out =
        new StringBuilder("live ").append(liveWorstCase == null ? "-" : liveWorstCase);
    for (ResidualCopy r : residuals) {
      out.append("; ").append(r.text());
    }
    return out.toString();
  }

  private static ObservedOldest oldest(ObservedAge age) {
    ObservedOldest out = new ObservedOldest();
    out.what = age.what();
    out.where = age.where();
    out.ageSeconds = age.ageSeconds();
    out.age =
        age.ageSeconds() == null ? null : DurationText.format(Duration.ofSeconds(age.ageSeconds()));
    out.bound = age.bound() == null ? null : DurationText.format(age.bound());
    out.overdue = age.overdue();
    out.reason = age.reason();
    out.observedTime = age.observedAt() == null ? null : age.observedAt().toString();
    return out;
  }

  private static ResidualStatus residual(ResidualCopy copy, List<ResidualCheck.Verdict> verdicts) {
    ResidualStatus out = new ResidualStatus();
    out.kind = ResidualCheck.kindKey(copy.kind());
    out.state =
        switch (copy.state()) {
          case READ -> "Read";
          case DECLARED -> "Declared";
          case ABSENT -> "Absent";
          case UNKNOWN -> "Unknown";
        };
    out.bound = copy.bound() == null ? null : DurationText.format(copy.bound());
    out.text = copy.text();
    out.note = copy.note();
    verdicts.stream()
        .filter(v -> v.residual() == copy)
        .findFirst()
        .ifPresent(
            v -> {
              out.accepted = v.accepted();
              out.breaksPromise = v.breaks();
            });
    return out;
  }
}
