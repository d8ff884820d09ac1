package dev.ekyc.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreStatus;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The gate on the reference example as the API would hand it over: each refusal with its own exit
 * code.
 */
class PolicyGateTest {
  private static final KubernetesSerialization COPY = new KubernetesSerialization();

  private final PolicyGate gate = new PolicyGate();

  @Test
  void aValidPolicyOnAReadyStoreOfTheRightTypeIsApproved() {
    ApprovedRun run =
        gate.check(
            reference(s -> {}, p -> {}), "ekyc", "identification-data", JobKind.PURGE, false);
    assertThat(run.store().getMetadata().getName()).isEqualTo("service-db");
    assertThat(run.plan().rules()).extracting(r -> r.name()).containsExactly("identification");
    assertThat(run.dryRun()).isFalse();
    assertThat(run.mode()).isEqualTo(RunMode.Enforce);
  }

  @Test
  void auditModeAndDryRunDeleteNothing() {
    PolicyInputs audit =
        reference(
            s -> {},
            p -> {
              if (p.getMetadata().getName().equals("verification-media"))
                p.getSpec().mode = EnforcementMode.Audit;
            });
    ApprovedRun audited = gate.check(audit, "ekyc", "verification-media", JobKind.SWEEP, false);
    assertThat(audited.dryRun()).isTrue();
    assertThat(audited.mode()).isEqualTo(RunMode.Audit);
    ApprovedRun dry =
        gate.check(reference(s -> {}, p -> {}), "ekyc", "verification-media", JobKind.SWEEP, true);
    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.mode()).isEqualTo(RunMode.DryRun);
  }

  @Test
  void aMissingPolicyIsRefused() {
    assertRefused(
        reference(s -> {}, p -> {}),
        "nope",
        JobKind.SWEEP,
        ExitCode.POLICY_NOT_FOUND,
        "does not exist");
  }

  @Test
  void anInvalidPolicyIsRefused() {
    PolicyInputs inputs =
        reference(
            s -> {},
            p -> {
              if (p.getMetadata().getName().equals("verification-media"))
                p.getSpec().schedule = "0 * * * *";
            });
    assertRefused(
        inputs,
        "verification-media",
        JobKind.SWEEP,
        ExitCode.POLICY_INVALID,
        "breaks the promise 2h");
  }

  @Test
  void aPolicyInConflictIsRefused() {
    PolicyInputs base = reference(s -> {}, p -> {});
    List<RetentionPolicy> policies = new ArrayList<>(base.retentionPolicies());
    RetentionPolicy twin =
        COPY.clone(
            policies.stream()
                .filter(p -> p.getMetadata().getName().equals("verification-media"))
                .findFirst()
                .orElseThrow());
    twin.getMetadata().setName("media-twin");
    twin.getSpec().rules.get(0).retention = "30m";
    policies.add(twin);
    PolicyInputs inputs = new PolicyInputs(base.stores(), policies, base.consentPolicies());
    assertRefused(
        inputs, "verification-media", JobKind.SWEEP, ExitCode.POLICY_CONFLICT, "media-twin");
  }

  @Test
  void aStoreThatIsNotReadyIsRefused() {
    PolicyInputs notReady =
        reference(
            s ->
                s.getStatus().conditions =
                    Conditions.stalled(1, "AuthenticationFailed", "MariaDB rejected user ekyc"),
            p -> {});
    assertRefused(
        notReady,
        "identification-data",
        JobKind.PURGE,
        ExitCode.STORE_NOT_READY,
        "AuthenticationFailed");
    PolicyInputs unprobed = reference(s -> s.setStatus(null), p -> {});
    assertRefused(
        unprobed,
        "identification-data",
        JobKind.PURGE,
        ExitCode.STORE_NOT_READY,
        "is the operator running");
    PolicyInputs changed = reference(s -> s.getMetadata().setGeneration(2L), p -> {});
    assertRefused(
        changed, "identification-data", JobKind.PURGE, ExitCode.STORE_NOT_READY, "generation 2");
  }

  @Test
  void theWrongCommandForTheStoreIsRefused() {
    PolicyInputs inputs = reference(s -> {}, p -> {});
    assertRefused(
        inputs, "identification-data", JobKind.SWEEP, ExitCode.WRONG_STORE_TYPE, "use 'purge'");
    assertRefused(
        inputs, "verification-media", JobKind.PURGE, ExitCode.WRONG_STORE_TYPE, "use 'sweep'");
    assertRefused(
        inputs, "operation-logs", JobKind.SWEEP, ExitCode.WRONG_STORE_TYPE, "indexDeletion: Sweep");
    assertRefused(
        inputs, "operation-logs", JobKind.PURGE, ExitCode.WRONG_STORE_TYPE, "use 'sweep'");
  }

  @Test
  void everyExitCodeIsDistinct() {
    assertThat(java.util.Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct())
        .hasSize(ExitCode.values().length);
  }

  private void assertRefused(
      PolicyInputs inputs, String policy, JobKind kind, ExitCode code, String says) {
    assertThatThrownBy(() -> gate.check(inputs, "ekyc", policy, kind, false))
        .isInstanceOfSatisfying(JobRefusal.class, r -> assertThat(r.exitCode()).isEqualTo(code))
        .hasMessageContaining(says);
  }

  /** examples/reference, every store Ready for its generation 1, with edits. */
  private static PolicyInputs reference(
      Consumer<DataStore> editStore, Consumer<RetentionPolicy> editPolicy) {
    try {
      Path dir = Path.of("..", "examples", "reference");
      if (!Files.isDirectory(dir)) dir = Path.of("examples", "reference");
      PolicyInputs inputs = new ManifestLoader("ekyc").load(List.of(dir)).inputs();
      for (DataStore store : inputs.stores()) {
        store.getMetadata().setGeneration(1L);
        store.setStatus(new DataStoreStatus());
        store.getStatus().conditions = Conditions.ready(1, "Probed", "reachable");
        editStore.accept(store);
      }
      inputs.retentionPolicies().forEach(editPolicy);
      return inputs;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
