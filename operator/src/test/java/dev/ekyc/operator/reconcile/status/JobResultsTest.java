package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Job health and overdue bounds from a result record, against the reference media policy (2h
 * promises).
 */
class JobResultsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final JobResults.Allowance ALLOWANCE =
      new JobResults.Allowance(Duration.ofMinutes(5), Duration.ofHours(1));
  private static final PolicyPlan MEDIA = mediaPlan();

  @Test
  void aCleanRunBoundsTheOldestDataByItsCutoffAndIsHealthy() {
    JobResults results =
        JobResults.of(
            MEDIA,
            Optional.of(
                run(
                    "r1",
                    RunOutcome.Succeeded,
                    NOW.minusSeconds(60),
                    rule("liveness-media", "r1", NOW.minus(Duration.ofMinutes(106)), false, null))),
            NOW.minusSeconds(3600),
            false,
            ALLOWANCE,
            NOW);
    assertThat(results.problems()).isEmpty();
    assertThat(results.overdueSeconds()).containsEntry("liveness-media", 0L);
    assertThat(results.ruleRuns().get("liveness-media").deleted).isEqualTo(4L);
    assertThat(results.lastSuccess()).isEqualTo(NOW.minusSeconds(60));
  }

  @Test
  void aVersionedRunsOtherCopiesAndLocksReachTheRulesStatusSeparately() {
    RuleResult plain =
        rule("liveness-media", "r1", NOW.minus(Duration.ofMinutes(106)), false, null);
    RuleResult versioned =
        new RuleResult(
            plain.rule(),
            plain.runId(),
            RunOutcome.Failed,
            plain.startTime(),
            plain.completionTime(),
            plain.serverTime(),
            plain.deleteCutoff(),
            null,
            null,
            10L,
            4L,
            null,
            null,
            0L,
            6L,
            null,
            0L,
            false,
            false,
            null,
            "1 deletions were answered with a delete marker: hidden, not erased",
            new dev.ekyc.operator.job.ObjectCopies("Enabled", 3, 2, 1, "2031-01-01T00:00:00Z", 1));
    JobResults results =
        JobResults.of(
            MEDIA,
            Optional.of(run("r1", RunOutcome.Failed, null, versioned)),
            NOW.minusSeconds(3600),
            false,
            ALLOWANCE,
            NOW);
    var run = results.ruleRuns().get("liveness-media");
    assertThat(run.bucketVersioning).isEqualTo("Enabled");
    assertThat(run.deleted).isEqualTo(4L);
    assertThat(run.removedDeleteMarkers).isEqualTo(3L);
    assertThat(run.abortedUploads).isEqualTo(2L);
    assertThat(run.keptLocked).isEqualTo(1L);
    assertThat(run.lockedUntil).isEqualTo("2031-01-01T00:00:00Z");
    assertThat(run.hiddenNotErased).isEqualTo(1L);
    assertThat(run.outcome).isEqualTo(RunOutcome.Failed.name());
    assertThat(results.problems())
        .extracting(JobResults.Problem::reason)
        .contains(JobResults.JOB_FAILED);
  }

  @Test
  void runsThatStopLetTheBoundGrowPastThePromise() {
    // Cutoff 3h ago: data up to 3h old may be left, 1h past the 2h promise.
    JobResults results =
        JobResults.of(
            MEDIA,
            Optional.of(
                run(
                    "r1",
                    RunOutcome.Succeeded,
                    NOW.minus(Duration.ofMinutes(75)),
                    rule("liveness-media", "r1", NOW.minus(Duration.ofHours(3)), false, null))),
            NOW.minus(Duration.ofDays(1)),
            false,
            ALLOWANCE,
            NOW);
    assertThat(results.overdueSeconds()).containsEntry("liveness-media", 3600L);
    assertThat(results.problems())
        .extracting(JobResults.Problem::reason)
        .contains(JobResults.OVERDUE);
  }

  @Test
  void aBacklogAgesTheJobsOwnMeasure() {
    JobResults results =
        JobResults.of(
            MEDIA,
            Optional.of(
                run(
                    "r1",
                    RunOutcome.Succeeded,
                    NOW.minusSeconds(600),
                    rule(
                        "liveness-media",
                        "r1",
                        NOW.minus(Duration.ofMinutes(115)),
                        true,
                        7200L + 300))),
            NOW.minus(Duration.ofDays(1)),
            false,
            ALLOWANCE,
            NOW);
    // 2h05m old at the run's end (10 min ago): now 2h15m, 15 min past the promise.
    assertThat(results.overdueSeconds()).containsEntry("liveness-media", 900L);
  }

  @Test
  void aFailedOrDeadRunIsAProblemAndADryRunBoundsNothing() {
    JobResults failed =
        JobResults.of(
            MEDIA,
            Optional.of(
                run(
                    "r2",
                    RunOutcome.Failed,
                    null,
                    rule("liveness-media", "r2", NOW.minus(Duration.ofMinutes(106)), false, null))),
            NOW.minusSeconds(600),
            false,
            ALLOWANCE,
            NOW);
    assertThat(failed.problems())
        .extracting(JobResults.Problem::reason)
        .containsExactly(JobResults.JOB_FAILED);
    RunRecord running =
        new RunRecord(
            "r3",
            "sweep",
            "verification-media",
            null,
            1L,
            "verification-media",
            RunMode.Enforce,
            RunOutcome.Running,
            NOW.minus(Duration.ofHours(2)).toString(),
            null,
            NOW.minusSeconds(1).toString(),
            null,
            null,
            null,
            List.of());
    assertThat(
            JobResults.of(MEDIA, Optional.of(running), NOW.minusSeconds(600), false, ALLOWANCE, NOW)
                .problems())
        .extracting(JobResults.Problem::message)
        .anySatisfy(m -> assertThat(m).contains("died"));
    RunRecord dry =
        new RunRecord(
            "r4",
            "sweep",
            "verification-media",
            null,
            1L,
            "verification-media",
            RunMode.Audit,
            RunOutcome.Succeeded,
            NOW.minusSeconds(30).toString(),
            NOW.toString(),
            null,
            0,
            null,
            NOW.toString(),
            List.of(rule("liveness-media", "r4", NOW.minus(Duration.ofHours(5)), false, null)));
    JobResults audited =
        JobResults.of(MEDIA, Optional.of(dry), NOW.minusSeconds(600), false, ALLOWANCE, NOW);
    assertThat(audited.overdueSeconds()).isEmpty();
    assertThat(audited.ruleRuns().get("liveness-media").dryRun).isTrue();
  }

  @Test
  void noSuccessWithinTheScheduleAndDeadlinesIsAMissedRunUnlessSuspended() {
    // */15: longest gap 15m, plus 5m to start and 1h to run.
    Instant created = NOW.minus(Duration.ofMinutes(81));
    assertThat(JobResults.of(MEDIA, Optional.empty(), created, false, ALLOWANCE, NOW).problems())
        .extracting(JobResults.Problem::reason)
        .containsExactly(JobResults.JOB_MISSED);
    assertThat(
            JobResults.of(
                    MEDIA,
                    Optional.empty(),
                    NOW.minus(Duration.ofMinutes(79)),
                    false,
                    ALLOWANCE,
                    NOW)
                .problems())
        .isEmpty();
    assertThat(JobResults.of(MEDIA, Optional.empty(), created, true, ALLOWANCE, NOW).problems())
        .isEmpty();
  }

  private static RunRecord run(
      String id, RunOutcome outcome, Instant lastSuccess, RuleResult rule) {
    return new RunRecord(
        id,
        "sweep",
        "verification-media",
        null,
        1L,
        "verification-media",
        RunMode.Enforce,
        outcome,
        NOW.minusSeconds(120).toString(),
        NOW.minusSeconds(60).toString(),
        NOW.plusSeconds(3600).toString(),
        RunOutcome.Failed.equals(outcome) ? 1 : 0,
        null,
        lastSuccess == null ? null : lastSuccess.toString(),
        List.of(rule));
  }

  private static RuleResult rule(
      String name, String runId, Instant cutoff, boolean backlog, Long oldestDue) {
    return new RuleResult(
        name,
        runId,
        RunOutcome.Succeeded,
        NOW.minus(Duration.ofMinutes(20)).toString(),
        NOW.minus(Duration.ofMinutes(10)).toString(),
        NOW.minus(Duration.ofMinutes(20)).toString(),
        cutoff.toString(),
        null,
        null,
        10L,
        4L,
        null,
        null,
        0L,
        6L,
        null,
        0L,
        backlog,
        backlog,
        oldestDue,
        null);
  }

  private static PolicyPlan mediaPlan() {
    Path dir = Path.of("..", "examples", "reference");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("examples", "reference");
    }
    try {
      PolicyInputs inputs = new ManifestLoader("ekyc").load(List.of(dir)).inputs();
      return new PolicyCompiler()
          .compile(inputs)
          .policy(new ResourceRef("RetentionPolicy", "ekyc", "verification-media"))
          .orElseThrow();
    } catch (dev.ekyc.operator.manifest.ManifestInputException e) {
      throw new IllegalStateException(e);
    }
  }
}
