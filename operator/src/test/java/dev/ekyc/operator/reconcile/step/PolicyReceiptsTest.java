package dev.ekyc.operator.reconcile.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.receipt.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle write receipts: one per write (Applied, Corrected), none for checks that wrote nothing.
 */
class PolicyReceiptsTest {
  @Test
  void onlyWritesLeaveReceiptsAndTheChangeIsADigest() {
    RetentionPolicy policy = new RetentionPolicy();
    policy.getMetadata().setName("verification-media");
    policy.getMetadata().setNamespace("ekyc");
    policy.getMetadata().setGeneration(2L);
    String difference = "expire liveness/ after 1 day (was 2 days)";
    List<MechanismCheck> checks =
        List.of(
            new MechanismCheck(
                "verification-media",
                "liveness-media",
                "LifecycleRule",
                "ekyc-operator:ekyc/m/vm/lm",
                true,
                MechanismState.Corrected,
                difference,
                List.of()),
            new MechanismCheck(
                "verification-media",
                "id-document-media",
                "LifecycleRule",
                "ekyc-operator:ekyc/m/vm/id",
                true,
                MechanismState.InSync,
                "",
                List.of()),
            new MechanismCheck(
                "verification-media",
                "training-faces",
                "LifecycleRule",
                "ekyc-operator:ekyc/m/vm/tf",
                false,
                MechanismState.NotApplied,
                "would write",
                List.of()));
    List<Receipt> receipts =
        PolicyReceipts.lifecycleReceipts(
            policy,
            Optional.empty(),
            Optional.empty(),
            checks,
            Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(receipts)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo(Receipt.LIFECYCLE_WRITE);
              assertThat(r.string("outcome")).isEqualTo("Corrected");
              assertThat(r.string("lifecycle.ownedName")).isEqualTo("ekyc-operator:ekyc/m/vm/lm");
              assertThat(r.get("lifecycle.existedBefore")).isEqualTo(true);
              assertThat(r.string("lifecycle.changeDigest")).startsWith("sha256:").hasSize(71);
              assertThat(r.text()).doesNotContain("liveness/").doesNotContain("2 days");
            });
  }
}
