package dev.ekyc.operator.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviousChecksTest {
  private static RetentionPolicy policy(long generation, long observed, String state) {
    RetentionPolicy p = new RetentionPolicy();
    p.setMetadata(
        new ObjectMetaBuilder()
            .withName("p")
            .withNamespace("ns")
            .withGeneration(generation)
            .build());
    p.setStatus(new RetentionPolicyStatus());
    p.getStatus().observedGeneration = observed;
    RuleStatus rule = new RuleStatus();
    rule.name = "r";
    AppliedMechanism applied = new AppliedMechanism();
    applied.ownedName = "owned";
    applied.state = state;
    rule.applied = List.of(applied);
    p.getStatus().rules = List.of(rule);
    return p;
  }

  @Test
  void aDifferenceAfterVerificationIsDriftOrACorrection() {
    PreviousChecks previous = PreviousChecks.of(List.of(policy(2, 2, "InSync")));
    assertThat(previous.differing("owned", false)).isEqualTo(MechanismState.Drifted);
    assertThat(previous.differing("owned", true)).isEqualTo(MechanismState.Corrected);
  }

  @Test
  void aDifferenceWithoutEarlierVerificationIsAFirstApplication() {
    PreviousChecks previous = PreviousChecks.of(List.of(policy(2, 2, "NotApplied")));
    assertThat(previous.differing("owned", true)).isEqualTo(MechanismState.Applied);
    assertThat(previous.differing("owned", false)).isEqualTo(MechanismState.NotApplied);
    assertThat(PreviousChecks.none().differing("other", true)).isEqualTo(MechanismState.Applied);
  }

  @Test
  void aSpecChangeIsAnUpdateNotDrift() {
    // Status written for generation 1; the spec is now at generation 2.
    PreviousChecks previous = PreviousChecks.of(List.of(policy(2, 1, "InSync")));
    assertThat(previous.differing("owned", true)).isEqualTo(MechanismState.Applied);
    assertThat(previous.state("owned")).isEmpty();
  }
}
