package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttachmentPlanTest {
  private static final String OURS = Lifecycles.POLICY_ID;

  private static final List<IndexPolicyState> INDICES =
      List.of(
          new IndexPolicyState("oplog-2026.01.03", null),
          new IndexPolicyState("oplog-2026.01.01", null),
          new IndexPolicyState("oplog-2026.01.02", OURS),
          new IndexPolicyState("oplog-held-with-ours", OURS),
          new IndexPolicyState("oplog-held-bare", null),
          new IndexPolicyState("oplog-foreign", "team-b-hot-warm"));

  private static final Set<String> HELD =
      Set.of("oplog-held-with-ours", "oplog-held-bare", "unrelated-index");

  @Test
  void attachesOnlyToIndicesWithoutAnyPolicyAndWithoutTheHold() {
    AttachmentPlan plan = AttachmentPlan.of(OURS, INDICES, HELD);
    assertThat(plan.attach()).containsExactly("oplog-2026.01.01", "oplog-2026.01.03");
    assertThat(plan.alreadyAttached()).containsExactly("oplog-2026.01.02");
  }

  @Test
  void detachesOurPolicyFromHeldIndicesAndNeverAttachesToThem() {
    AttachmentPlan plan = AttachmentPlan.of(OURS, INDICES, HELD);
    assertThat(plan.detachForLegalHold()).containsExactly("oplog-held-with-ours");
    assertThat(plan.heldWithoutPolicy()).containsExactly("oplog-held-bare");
    assertThat(plan.governed()).doesNotContain("oplog-held-with-ours", "oplog-held-bare");
  }

  @Test
  void leavesIndicesOfAnotherPolicyAlone() {
    AttachmentPlan plan = AttachmentPlan.of(OURS, INDICES, HELD);
    assertThat(plan.otherPolicy()).isEqualTo(Map.of("oplog-foreign", "team-b-hot-warm"));
    assertThat(plan.attach()).doesNotContain("oplog-foreign");
    assertThat(plan.detachForLegalHold()).doesNotContain("oplog-foreign");
  }

  @Test
  void afterApplyingAHeldIndexStillRunningOursIsUnmet() {
    AttachmentPlan plan = AttachmentPlan.of(OURS, INDICES, HELD);
    List<IndexPolicyState> now =
        List.of(
            new IndexPolicyState("oplog-2026.01.01", OURS),
            // oplog-2026.01.02 is gone: deleted by the lifecycle, which is fine
            new IndexPolicyState("oplog-2026.01.03", null),
            new IndexPolicyState("oplog-held-with-ours", OURS),
            new IndexPolicyState("oplog-held-bare", null));
    assertThat(plan.unmetBy(OURS, now))
        .containsExactlyInAnyOrder(
            "oplog-2026.01.03 runs no policy instead of " + OURS,
            "oplog-held-with-ours is under legal hold but still runs " + OURS);
  }

  @Test
  void afterASuccessfulApplyNothingIsUnmet() {
    AttachmentPlan plan = AttachmentPlan.of(OURS, INDICES, HELD);
    List<IndexPolicyState> now =
        List.of(
            new IndexPolicyState("oplog-2026.01.01", OURS),
            new IndexPolicyState("oplog-2026.01.02", OURS),
            new IndexPolicyState("oplog-2026.01.03", OURS),
            new IndexPolicyState("oplog-held-with-ours", null),
            new IndexPolicyState("oplog-held-bare", null),
            new IndexPolicyState("oplog-foreign", "team-b-hot-warm"));
    assertThat(plan.unmetBy(OURS, now)).isEmpty();
  }
}
