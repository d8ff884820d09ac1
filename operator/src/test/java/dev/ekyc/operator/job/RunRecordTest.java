package dev.ekyc.operator.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RunSummary;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aRecordSurvivesItsJsonAndIsReadBackWithItsRules() {
    RuleResult liveness =
        new RuleResult(
            "liveness-media",
            "run-1",
            RunOutcome.Succeeded,
            START.toString(),
            START.plusSeconds(5).toString(),
            START.toString(),
            START.minusSeconds(6300).toString(),
            null,
            null,
            10L,
            4L,
            null,
            1L,
            2L,
            3L,
            null,
            0L,
            false,
            false,
            0L,
            null);
    RuleResult older =
        RuleResult.failed("id-document-media", "run-0", "x", "y", "S3Exception: Access Denied");
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("ekyc-run-p")
            .endMetadata()
            .withData(
                Map.of(
                    RunRecordFormat.RUN_KEY,
                    RunRecordFormat.json(run("run-1", RunOutcome.Succeeded, RunMode.Enforce)),
                    RunRecordFormat.ruleKey("liveness-media"),
                    RunRecordFormat.json(liveness),
                    RunRecordFormat.ruleKey("id-document-media"),
                    RunRecordFormat.json(older)))
            .build();

    RunRecord read = RunRecordReader.fromConfigMap(map).orElseThrow();
    assertThat(read.outcome()).isEqualTo(RunOutcome.Succeeded);
    assertThat(read.rules()).containsExactlyInAnyOrder(liveness, older);
    assertThat(RunRecordFormat.json(liveness)).doesNotContain("erased", "nullTimestamps");

    RunSummary summary = RunRecordReader.summary(read, START.plusSeconds(10));
    assertThat(summary.result).isEqualTo("Succeeded");
    assertThat(summary.deleted).as("only this run's rules count").isEqualTo(4L);
    assertThat(summary.cutoff).isEqualTo(START.minusSeconds(6300).toString());
  }

  @Test
  void aRunningRecordPastItsDeadlineIsADeadRun() {
    RunRecord running = run("run-2", RunOutcome.Running, RunMode.Enforce);
    assertThat(running.effectiveOutcome(START.plusSeconds(3599))).isEqualTo(RunOutcome.Running);
    assertThat(running.effectiveOutcome(START.plusSeconds(3601))).isEqualTo(RunOutcome.Died);
    assertThat(run("run-3", RunOutcome.Succeeded, RunMode.Audit).reportOnly()).isTrue();
    assertThat(
            RunRecordReader.summary(run("run-3", RunOutcome.Succeeded, RunMode.Audit), START)
                .result)
        .isEqualTo("Audited");
  }

  @Test
  void ruleKeysFitAConfigMap() {
    assertThat(RunRecordFormat.ruleKey("liveness-media")).isEqualTo("rule.liveness-media.json");
    assertThat(RunRecordFormat.ruleKey("a/b c")).matches("[-._a-zA-Z0-9]+");
    assertThat(RunNames.name("p".repeat(300))).hasSize(253);
    assertThat(RunNames.labels("p".repeat(300)).get(RunNames.POLICY_LABEL))
        .hasSizeLessThanOrEqualTo(63);
  }

  private static RunRecord run(String id, RunOutcome outcome, RunMode mode) {
    return new RunRecord(
        id,
        "sweep",
        "verification-media",
        "uid-1",
        3L,
        "verification-media",
        mode,
        outcome,
        START.toString(),
        RunOutcome.Running.equals(outcome) ? null : START.plusSeconds(9).toString(),
        START.plusSeconds(3600).toString(),
        null,
        null,
        null,
        List.of());
  }
}
