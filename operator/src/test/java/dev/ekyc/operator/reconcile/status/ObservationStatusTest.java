package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.ResidualCheck;
import dev.ekyc.operator.policy.ResidualCopy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the store holds, rendered into status: oldest data, copies, and Compliant's observed
 * problems.
 */
class ObservationStatusTest {
  private static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
  private static final ResidualCopy BINLOG =
      new ResidualCopy(
          "binlog",
          ResidualCopy.State.READ,
          Duration.ofDays(7),
          "binlog_expire_logs_seconds=604800",
          "format ROW");

  private static RetentionPolicyStatus status(String... rules) {
    RetentionPolicyStatus status = new RetentionPolicyStatus();
    for (String name : rules) {
      RuleStatus rule = new RuleStatus();
      rule.name = name;
      rule.worstCaseAge = "2h15m";
      status.rules.add(rule);
    }
    return status;
  }

  @Test
  void overdueDataIsADeletionOverdueProblemNamingWhereAndTheBackendsReason() {
    RetentionPolicyStatus status = status("logs", "fresh");
    var observed =
        new ObservationFinding.Observed(
            Map.of(
                "logs",
                    List.of(
                        new ObservedAge(
                            "index",
                            "logs-2026.11.01",
                            40L * 86_400,
                            Duration.ofDays(31),
                            "ILM step ERROR: boom",
                            AT)),
                "fresh",
                    List.of(
                        new ObservedAge("index", "fresh-1", 60L, Duration.ofDays(31), null, AT))),
            List.of(),
            Map.of(),
            Map.of());

    List<JobResults.Problem> problems = ObservationStatus.render(status, observed);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo("DeletionOverdue");
              assertThat(p.message())
                  .isEqualTo(
                      "rule logs: oldest index in logs-2026.11.01 is 40d old, past 31d"
                          + " (ILM step ERROR: boom) (observed in the store)");
            });
    assertThat(status.oldestAge).isEqualTo("40d");
    assertThat(status.rules.get(0).oldest)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.overdue).isTrue();
              assertThat(o.age).isEqualTo("40d");
              assertThat(o.bound).isEqualTo("31d");
              assertThat(o.observedTime).isEqualTo("2026-12-07T12:00:00Z");
            });
    assertThat(status.rules.get(1).oldest.get(0).overdue).isFalse();
  }

  @Test
  void residualsAreShownNextToTheLiveWorstCaseAndABrokenPromiseIsAProblem() {
    RetentionPolicyStatus status = status("media");
    var verdict =
        new ResidualCheck.Verdict(
            BINLOG,
            "deleteWithin",
            Duration.ofHours(2),
            false,
            true,
            "binlog ≤ 7d ... longer than its promise 2h",
            "set binlog_expire_logs_seconds ...");
    var observed =
        new ObservationFinding.Observed(
            Map.of(),
            List.of(
                BINLOG, ResidualCopy.absent("open transaction", "information_schema.INNODB_TRX")),
            Map.of("media", List.of(verdict)),
            Map.of("*", "connection refused"));

    List<JobResults.Problem> problems = ObservationStatus.render(status, observed);

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.reason()).isEqualTo("ResidualOutlivesPromise");
              assertThat(p.message()).contains("fix: set binlog_expire_logs_seconds");
            });
    RuleStatus rule = status.rules.get(0);
    assertThat(rule.copies)
        .isEqualTo(
            "live 2h15m; binlog ≤ 7d (binlog_expire_logs_seconds=604800); open transaction"
                + " none (information_schema.INNODB_TRX)");
    assertThat(rule.residuals).hasSize(2);
    assertThat(rule.residuals.get(0).breaksPromise).isTrue();
    assertThat(rule.residuals.get(1).breaksPromise).isNull();
    assertThat(rule.message).contains("oldest data not read: connection refused");
    assertThat(status.oldestAge).isNull();
  }
}
