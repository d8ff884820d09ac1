package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnforcementStatusTest {
  private static MechanismCheck check(String rule, MechanismState state, String difference) {
    return new MechanismCheck(
        "p",
        rule,
        "LifecycleRule",
        "ekyc-operator:ns/s/p/" + rule,
        true,
        state,
        difference,
        List.of());
  }

  private static Condition find(List<Condition> conditions, String type) {
    return Conditions.find(conditions, type).orElseThrow();
  }

  @Test
  void inSyncInEnforceIsCompliantAndNotDrifted() {
    var conditions =
        EnforcementStatus.checked(
            3, List.of(check("a", MechanismState.InSync, "")), EnforcementStatus.Mode.ENFORCE);
    assertThat(find(conditions, "Drifted").getStatus()).isEqualTo("False");
    assertThat(find(conditions, "Drifted").getReason()).isEqualTo("InSync");
    assertThat(find(conditions, "Compliant").getStatus()).isEqualTo("True");
    assertThat(find(conditions, "Compliant").getMessage()).contains("applied and verified");
    assertThat(find(conditions, "Compliant").getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void driftInAuditIsTrueNamesTheDifferenceAndIsNotCompliant() {
    var conditions =
        EnforcementStatus.checked(
            1,
            List.of(
                check("a", MechanismState.Drifted, "is 400 days"),
                check("b", MechanismState.InSync, "")),
            EnforcementStatus.Mode.AUDIT);
    assertThat(find(conditions, "Drifted").getStatus()).isEqualTo("True");
    assertThat(find(conditions, "Drifted").getMessage())
        .contains("mode Audit", "ekyc-operator:ns/s/p/a", "is 400 days")
        .doesNotContain("ekyc-operator:ns/s/p/b");
    assertThat(find(conditions, "Compliant").getStatus()).isEqualTo("False");
    assertThat(find(conditions, "Compliant").getReason()).isEqualTo("AuditMode");
  }

  @Test
  void aRestoredDifferenceLeavesDriftedFalseWithReasonCorrected() {
    var conditions =
        EnforcementStatus.checked(
            1,
            List.of(check("a", MechanismState.Corrected, "restored: x")),
            EnforcementStatus.Mode.ENFORCE);
    assertThat(find(conditions, "Drifted").getStatus()).isEqualTo("False");
    assertThat(find(conditions, "Drifted").getReason()).isEqualTo("Corrected");
    assertThat(find(conditions, "Drifted").getMessage()).contains("restored: x");
    assertThat(find(conditions, "Compliant").getStatus()).isEqualTo("True");
  }

  @Test
  void dryRunSaysWhatWouldChange() {
    var conditions =
        EnforcementStatus.checked(
            1,
            List.of(check("a", MechanismState.NotApplied, "would write x")),
            EnforcementStatus.Mode.DRY_RUN);
    assertThat(find(conditions, "Drifted").getStatus()).isEqualTo("False");
    assertThat(find(conditions, "Compliant").getMessage())
        .contains("--dry-run", "would change", "would write x");
  }

  @Test
  void notCheckedIsUnknownDrift() {
    var conditions = EnforcementStatus.notChecked(1, "NotChecked", "not Ready");
    assertThat(find(conditions, "Drifted").getStatus()).isEqualTo("Unknown");
    assertThat(find(conditions, "Compliant").getStatus()).isEqualTo("False");
  }

  @Test
  void appliedMechanismsGoToTheirRules() {
    RetentionPolicyStatus status = new RetentionPolicyStatus();
    RuleStatus a = new RuleStatus();
    a.name = "a";
    RuleStatus b = new RuleStatus();
    b.name = "b";
    status.rules = List.of(a, b);
    EnforcementStatus.recordApplied(
        status,
        List.of(check("a", MechanismState.Applied, "written")),
        Instant.parse("2026-12-01T10:00:00.700Z"));
    assertThat(a.applied)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.state).isEqualTo("Applied");
              assertThat(m.ownedName).isEqualTo("ekyc-operator:ns/s/p/a");
              assertThat(m.lastVerified).isEqualTo("2026-12-01T10:00:00Z");
              assertThat(m.difference).isEqualTo("written");
            });
    assertThat(b.applied).isEmpty();
  }
}
