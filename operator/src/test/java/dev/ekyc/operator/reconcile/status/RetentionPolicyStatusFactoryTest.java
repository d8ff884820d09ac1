package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.ConsentedRetention;
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
import dev.ekyc.operator.policy.LifecycleExpiration;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyStatusFactoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  private static RetentionPolicy policy(String consentRef) {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(
        new ObjectMetaBuilder().withName("media").withNamespace("ekyc").withGeneration(2L).build());
    p.setSpec(new RetentionPolicySpec());
    p.getSpec().storeRef = new LocalObjectReference("bucket");
    RetentionRule rule = new RetentionRule();
    rule.name = "liveness";
    rule.retention = "2h";
    if (consentRef != null) {
      rule.withConsent = new ConsentedRetention();
      rule.withConsent.consentPolicyRef = new LocalObjectReference(consentRef);
      rule.withConsent.retention = "30d";
    }
    p.getSpec().rules = List.of(rule);
    return p;
  }

  private static DataStore store(boolean ready) {
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
    ds.getStatus().conditions =
        ready
            ? Conditions.ready(1, "Probed", "ok")
            : Conditions.progressing(1, "Unreachable", "connection refused");
    return ds;
  }

  private static ConsentPolicy consent(String name) {
    ConsentPolicy c = new ConsentPolicy();
    c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ekyc").build());
    return c;
  }

  private static EnforcementPlan planFor(RetentionPolicy policy, List<Problem> problems) {
    ResourceRef ref = ResourceRef.of(policy);
    ResourceRef storeRef = new ResourceRef("DataStore", "ekyc", "bucket");
    List<Mechanism> mechanisms =
        List.of(
            new ObjectSweep(
                "liveness/",
                Map.of(),
                Duration.ofHours(2),
                null,
                null,
                "*/15 * * * *",
                1000,
                Mechanism.Role.PRIMARY),
            new LifecycleExpiration(
                "ekyc-liveness", "liveness/", Map.of(), 1, Mechanism.Role.BACKSTOP));
    RulePlan rule =
        new RulePlan(
            "liveness",
            "biometric",
            null,
            null,
            "s3://b/liveness/",
            Duration.ofHours(2),
            mechanisms,
            Duration.ofMinutes(135),
            Duration.ofDays(30).plusMinutes(15),
            null,
            "gone within 2h15m");
    PolicyPlan plan =
        new PolicyPlan(
            ref,
            storeRef,
            StoreType.ObjectStorage,
            EnforcementMode.Enforce,
            "*/15 * * * *",
            1000,
            List.of(rule),
            Duration.ofMinutes(135),
            problems.stream().noneMatch(Problem::isError));
    return new EnforcementPlan(
        List.of(new StorePlan(storeRef, StoreType.ObjectStorage, "SG", "s3://b", List.of(plan))),
        problems);
  }

  private static Condition ready(dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus status) {
    return Conditions.find(status.conditions, "Ready").orElseThrow();
  }

  @Test
  void aPlannedPolicyShowsEveryRuleWithMechanismsScheduleAndWorstCase() {
    RetentionPolicy p = policy("training");
    var resources =
        new NamespaceResources(List.of(store(true)), List.of(p), List.of(consent("training")));
    var status = RetentionPolicyStatusFactory.from(p, resources, planFor(p, List.of()), false, NOW);

    assertThat(ready(status).getStatus()).isEqualTo("True");
    assertThat(ready(status).getReason()).isEqualTo("Planned");
    assertThat(ready(status).getMessage()).contains("1 rule planned", "2h15m", "mode Enforce");
    assertThat(status.observedGeneration).isEqualTo(2L);
    assertThat(status.storeType).isEqualTo(StoreType.ObjectStorage);
    assertThat(status.ruleCount).isEqualTo(1);
    assertThat(status.worstCaseAge).isEqualTo("2h15m");
    var rule = status.rules.get(0);
    assertThat(rule.name).isEqualTo("liveness");
    assertThat(rule.target).isEqualTo("s3://b/liveness/");
    assertThat(rule.mechanisms).containsExactly("Sweeper (primary)", "LifecycleRule (backstop)");
    assertThat(rule.schedule).isEqualTo("*/15 * * * *");
    assertThat(rule.worstCaseAge).isEqualTo("2h15m");
    assertThat(rule.worstCaseAgeWithConsent).isEqualTo("30d15m");
    assertThat(rule.message).isEqualTo("gone within 2h15m");
  }

  @Test
  void dryRunSaysAuditWhateverTheSpecSays() {
    RetentionPolicy p = policy(null);
    var resources = new NamespaceResources(List.of(store(true)), List.of(p), List.of());
    var status = RetentionPolicyStatusFactory.from(p, resources, planFor(p, List.of()), true, NOW);
    assertThat(ready(status).getMessage()).contains("mode Audit", "--dry-run");
  }

  @Test
  void aMissingStoreStallsWithStoreNotFound() {
    RetentionPolicy p = policy(null);
    var resources = new NamespaceResources(List.of(), List.of(p), List.of());
    var status =
        RetentionPolicyStatusFactory.from(
            p, resources, new EnforcementPlan(List.of(), List.of()), false, NOW);
    assertThat(ready(status).getReason()).isEqualTo("StoreNotFound");
    assertThat(ready(status).getMessage()).contains("bucket", "spec.storeRef.name");
    assertThat(Conditions.isTrue(status.conditions, "Stalled")).isTrue();
  }

  @Test
  void aMissingConsentPolicyStallsWithItsName() {
    RetentionPolicy p = policy("training");
    var resources = new NamespaceResources(List.of(store(true)), List.of(p), List.of());
    var status = RetentionPolicyStatusFactory.from(p, resources, planFor(p, List.of()), false, NOW);
    assertThat(ready(status).getReason()).isEqualTo("ConsentPolicyNotFound");
    assertThat(ready(status).getMessage()).contains("training");
  }

  @Test
  void errorsFromTheCoreAreInvalidPolicyWithTheirText() {
    RetentionPolicy p = policy(null);
    var problem =
        Problem.error(
            ResourceRef.of(p), "spec.rules[0].objects.prefix", "overlaps rule x", "split them");
    var resources = new NamespaceResources(List.of(store(true)), List.of(p), List.of());
    var status =
        RetentionPolicyStatusFactory.from(p, resources, planFor(p, List.of(problem)), false, NOW);
    assertThat(ready(status).getReason()).isEqualTo("InvalidPolicy");
    assertThat(ready(status).getMessage())
        .contains("spec.rules[0].objects.prefix", "overlaps rule x", "split them");
    assertThat(Conditions.isTrue(status.conditions, "Stalled")).isTrue();
    assertThat(status.rules).hasSize(1); // what could be compiled is still shown
  }

  @Test
  void warningsDoNotStopReadinessButAreShown() {
    RetentionPolicy p = policy(null);
    var warning = Problem.warning(ResourceRef.of(p), "spec.schedule", "runs rarely", null);
    var resources = new NamespaceResources(List.of(store(true)), List.of(p), List.of());
    var status =
        RetentionPolicyStatusFactory.from(p, resources, planFor(p, List.of(warning)), false, NOW);
    assertThat(ready(status).getStatus()).isEqualTo("True");
    assertThat(ready(status).getMessage()).contains("runs rarely");
  }

  @Test
  void aStoreThatIsNotReadyKeepsThePolicyReconciling() {
    RetentionPolicy p = policy(null);
    var resources = new NamespaceResources(List.of(store(false)), List.of(p), List.of());
    var status = RetentionPolicyStatusFactory.from(p, resources, planFor(p, List.of()), false, NOW);
    assertThat(ready(status).getReason()).isEqualTo("StoreNotReady");
    assertThat(ready(status).getMessage()).contains("Unreachable", "connection refused");
    assertThat(Conditions.isTrue(status.conditions, "Reconciling")).isTrue();
    assertThat(status.worstCaseAge).isEqualTo("2h15m");
  }

  @Test
  void consentPolicyStatusListsItsUsers() {
    RetentionPolicy user = policy("training");
    RetentionPolicy other = policy(null);
    other.getMetadata().setName("other");
    ConsentPolicy c = consent("training");
    var resources = new NamespaceResources(List.of(store(true)), List.of(other, user), List.of(c));
    var status =
        ConsentPolicyStatusFactory.from(
            c, resources, new EnforcementPlan(List.of(), List.of()), NOW);
    assertThat(status.usedBy).containsExactly("media");
    assertThat(Conditions.find(status.conditions, "Ready").orElseThrow().getMessage())
        .contains("used by media");

    var problem = Problem.error(ResourceRef.of(c), "spec.recordedAs", "no sqlColumns", "add them");
    var invalid =
        ConsentPolicyStatusFactory.from(
            c, resources, new EnforcementPlan(List.of(), List.of(problem)), NOW);
    assertThat(Conditions.find(invalid.conditions, "Ready").orElseThrow().getReason())
        .isEqualTo("InvalidPolicy");
  }
}
