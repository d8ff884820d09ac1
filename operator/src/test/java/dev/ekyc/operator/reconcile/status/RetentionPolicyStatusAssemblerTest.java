package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one place a RetentionPolicy's conditions are rendered: enforcement and job findings composed
 * together.
 */
class RetentionPolicyStatusAssemblerTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final JobResults.Allowance ALLOWANCE =
      new JobResults.Allowance(Duration.ofMinutes(5), Duration.ofHours(1));

  @Test
  void aFailedRunTurnsAnEnforcedPolicyNotCompliantWithTheJobsReason() {
    var planned = planned(previous(null));
    JobResults results =
        JobResults.of(
            mediaPlan(), Optional.of(failedRun()), NOW.minusSeconds(600), false, ALLOWANCE, NOW);
    var status =
        RetentionPolicyStatusAssembler.assemble(planned, enforced(), jobFinding(results), NOW);

    Condition compliant = Conditions.find(status.conditions, Conditions.COMPLIANT).orElseThrow();
    assertThat(compliant.getStatus()).isEqualTo("False");
    assertThat(compliant.getReason()).isEqualTo(JobResults.JOB_FAILED);
    assertThat(compliant.getMessage()).startsWith("sweep job: the last sweep run r2 failed");
    assertThat(Conditions.isTrue(status.conditions, Conditions.READY)).isTrue();
    assertThat(status.rules)
        .extracting(r -> r.lastRun == null ? null : r.lastRun.outcome)
        .contains("Failed");
  }

  @Test
  void aHealthyJobOnlyAddsToCompliantsMessage() {
    var planned = planned(previous(null));
    JobResults results =
        JobResults.of(mediaPlan(), Optional.empty(), NOW.minusSeconds(60), false, ALLOWANCE, NOW);
    var status =
        RetentionPolicyStatusAssembler.assemble(planned, enforced(), jobFinding(results), NOW);
    Condition compliant = Conditions.find(status.conditions, Conditions.COMPLIANT).orElseThrow();
    assertThat(compliant.getStatus()).isEqualTo("True");
    assertThat(compliant.getReason()).isEqualTo(EnforcementStatus.ENFORCED);
    assertThat(compliant.getMessage())
        .endsWith(
            "; sweep job: no run yet (CronJob in place since "
                + NOW.minusSeconds(60)
                + "), nothing overdue");
  }

  @Test
  void aFailedApplyIsReconcilingAndKeepsTheLastKnownMechanisms() {
    AppliedMechanism applied = new AppliedMechanism();
    applied.mechanism = "LifecycleRule";
    applied.state = "InSync";
    var planned = planned(previous(applied));
    var status =
        RetentionPolicyStatusAssembler.assemble(
            planned, new EnforcementFinding.Failed("bucket gone"), new JobFinding.None(), NOW);
    Condition ready = Conditions.find(status.conditions, Conditions.READY).orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(EnforcementStatus.APPLY_FAILED);
    assertThat(ready.getMessage()).isEqualTo("bucket gone (retried every drift interval)");
    assertThat(Conditions.find(status.conditions, Conditions.DRIFTED).orElseThrow().getStatus())
        .isEqualTo("Unknown");
    assertThat(status.rules.get(0).applied)
        .extracting(a -> a.mechanism)
        .containsExactly("LifecycleRule");
  }

  @Test
  void anUnchangedConditionKeepsItsTransitionTime() {
    var first =
        RetentionPolicyStatusAssembler.assemble(
            planned(previous(null)), enforced(), new JobFinding.None(), NOW);
    RetentionPolicy later = policyWith(first);
    var planned = new RetentionPolicyStatusAssembler.Planned(later, plannedStatus());
    var second =
        RetentionPolicyStatusAssembler.assemble(
            planned, enforced(), new JobFinding.None(), NOW.plusSeconds(600));
    assertThat(
            Conditions.find(second.conditions, Conditions.COMPLIANT)
                .orElseThrow()
                .getLastTransitionTime())
        .isEqualTo(NOW.toString());
  }

  private static EnforcementFinding enforced() {
    return new EnforcementFinding.Checked(List.of(), EnforcementStatus.Mode.ENFORCE, NOW);
  }

  private static JobFinding jobFinding(JobResults results) {
    List<JobResults.Problem> problems = new ArrayList<>(results.problems());
    return new JobFinding.Results(JobKind.SWEEP, results, problems, results.summary(NOW));
  }

  private static RetentionPolicyStatusAssembler.Planned planned(RetentionPolicy policy) {
    return new RetentionPolicyStatusAssembler.Planned(policy, plannedStatus());
  }

  private static RetentionPolicyStatus plannedStatus() {
    RetentionPolicyStatus status = new RetentionPolicyStatus();
    status.observedGeneration = 2L;
    status.conditions =
        Conditions.ready(2L, RetentionPolicyStatusFactory.PLANNED, "2 rules planned");
    for (String name : List.of("liveness-media", "id-document-media")) {
      RuleStatus rule = new RuleStatus();
      rule.name = name;
      status.rules.add(rule);
    }
    return status;
  }

  private static RetentionPolicy previous(AppliedMechanism applied) {
    RetentionPolicyStatus status = plannedStatus();
    if (applied != null) {
      status.rules.get(0).applied = List.of(applied);
    }
    return policyWith(status);
  }

  private static RetentionPolicy policyWith(RetentionPolicyStatus status) {
    RetentionPolicy policy = new RetentionPolicy();
    policy.setMetadata(
        new ObjectMetaBuilder()
            .withName("verification-media")
            .withNamespace("ekyc")
            .withGeneration(2L)
            .build());
    policy.setStatus(status);
    return policy;
  }

  private static RunRecord failedRun() {
    RuleResult rule =
        RuleResult.failed(
            "liveness-media",
            "r2",
            NOW.minusSeconds(120).toString(),
            NOW.minusSeconds(60).toString(),
            "S3Exception: Access Denied");
    return new RunRecord(
        "r2",
        "sweep",
        "verification-media",
        null,
        1L,
        "verification-media",
        RunMode.Enforce,
        RunOutcome.Failed,
        NOW.minusSeconds(120).toString(),
        NOW.minusSeconds(60).toString(),
        NOW.plusSeconds(3600).toString(),
        1,
        "a rule failed",
        null,
        List.of(rule));
  }

  private static PolicyPlan mediaPlan() {
    Path dir = Path.of("..", "examples", "reference");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("examples", "reference");
    }
    try {
      return new PolicyCompiler()
          .compile(new ManifestLoader("ekyc").load(List.of(dir)).inputs())
          .policy(new ResourceRef("RetentionPolicy", "ekyc", "verification-media"))
          .orElseThrow();
    } catch (dev.ekyc.operator.manifest.ManifestInputException e) {
      throw new AssertionError(e);
    }
  }
}
