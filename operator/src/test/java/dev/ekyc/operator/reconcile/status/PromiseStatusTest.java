package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreSpec;
import dev.ekyc.operator.api.v1alpha1.DataStoreStatus;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.LocalObjectReference;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicySpec;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.policy.Promises;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The status shows each promise next to its worst case, and no worst case for a policy that is not
 * enforced.
 */
class PromiseStatusTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  private static RetentionPolicy policy() {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(
        new ObjectMetaBuilder().withName("media").withNamespace("ekyc").withGeneration(1L).build());
    p.setSpec(new RetentionPolicySpec());
    p.getSpec().storeRef = new LocalObjectReference("bucket");
    RetentionRule rule = new RetentionRule();
    rule.name = "liveness";
    rule.retention = "105m";
    rule.deleteWithin = "2h";
    p.getSpec().rules = List.of(rule);
    return p;
  }

  private static NamespaceResources resources(RetentionPolicy p) {
    DataStore ds = new DataStore();
    ds.setMetadata(
        new ObjectMetaBuilder()
            .withName("bucket")
            .withNamespace("ekyc")
            .withGeneration(1L)
            .build());
    ds.setSpec(new DataStoreSpec());
    ds.getSpec().objectStorage = new ObjectStorageSpec();
    ds.setStatus(new DataStoreStatus());
    ds.getStatus().conditions = Conditions.ready(1, "Probed", "ok");
    return new NamespaceResources(List.of(ds), List.of(p), List.of());
  }

  private static EnforcementPlan plan(
      RetentionPolicy policy, Duration worst, List<Problem> problems) {
    ResourceRef storeRef = new ResourceRef("DataStore", "ekyc", "bucket");
    var sweep =
        new ObjectSweep(
            "liveness/",
            Map.of(),
            Duration.ofMinutes(105),
            null,
            null,
            "*/15 * * * *",
            1000,
            Mechanism.Role.PRIMARY);
    RulePlan rule =
        new RulePlan(
            "liveness",
            "biometric",
            null,
            null,
            "s3://b/liveness/",
            Duration.ofMinutes(105),
            List.of(sweep),
            worst,
            null,
            null,
            "gone within " + worst,
            new Promises(
                Duration.ofHours(2), null, null, Duration.ofHours(72), Duration.ofMinutes(15)));
    PolicyPlan plan =
        new PolicyPlan(
            ResourceRef.of(policy),
            storeRef,
            StoreType.ObjectStorage,
            EnforcementMode.Enforce,
            "*/15 * * * *",
            1000,
            List.of(rule),
            worst,
            problems.stream().noneMatch(Problem::isError));
    return new EnforcementPlan(
        List.of(new StorePlan(storeRef, StoreType.ObjectStorage, "SG", "s3://b", List.of(plan))),
        problems);
  }

  @Test
  void aKeptPromiseIsShownNextToTheWorstCase() {
    RetentionPolicy p = policy();
    var status =
        RetentionPolicyStatusFactory.from(
            p, resources(p), plan(p, Duration.ofHours(2), List.of()), false, NOW);
    assertThat(status.worstCaseAge).isEqualTo("2h");
    assertThat(status.deleteWithin).isEqualTo("2h");
    var rule = status.rules.get(0);
    assertThat(rule.worstCaseAge).isEqualTo("2h");
    assertThat(rule.deleteWithin).isEqualTo("2h");
    assertThat(rule.erasureAfterWithdrawal).isEqualTo("3d");
    assertThat(rule.withdrawalWorstCaseAge).isEqualTo("15m");
    assertThat(rule.deleteWithinWithConsent).isNull();
  }

  @Test
  void aRefusedPolicyShowsItsPromiseButNoWorstCase() {
    RetentionPolicy p = policy();
    var refusal =
        Problem.error(
            ResourceRef.of(p),
            "spec.rules[0].deleteWithin",
            "worst case 2h15m breaks the" + " promise 2h",
            "set retention at most 105m (1h45m)");
    var status =
        RetentionPolicyStatusFactory.from(
            p, resources(p), plan(p, Duration.ofMinutes(135), List.of(refusal)), false, NOW);
    assertThat(status.worstCaseAge).as("WORST-CASE stays empty: nothing is guaranteed").isNull();
    assertThat(status.deleteWithin).isEqualTo("2h");
    var ready = Conditions.find(status.conditions, "Ready").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("InvalidPolicy");
    assertThat(ready.getMessage())
        .contains("spec.rules[0].deleteWithin", "set retention at most 105m (1h45m)");
  }
}
