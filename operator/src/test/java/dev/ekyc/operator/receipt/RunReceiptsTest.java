package dev.ekyc.operator.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Receipts of a run from its record: what is copied (names, times, counts) and what never is.
 * Planted values in every free-text field of the record (the run's message, a rule's error, both of
 * which can quote a backend's answer with an object key or a row value) must not appear in any
 * receipt.
 */
class RunReceiptsTest {
  private static final String PLANTED_KEY = "liveness/PLANTED-OBJECT-KEY.jpg";
  private static final String PLANTED_ROW = "PLANTED-ROW-S1234567D";
  private static final String PLANTED_SECRET = "PLANTED-SECRET-hunter2";

  @Test
  void aRunGivesOneRunReceiptAndOneRuleRunPerRuleItReachedWithoutFreeText() {
    RuleResult done =
        new RuleResult(
            "liveness-media",
            "run-1",
            RunOutcome.Succeeded,
            "2026-12-07T10:00:02Z",
            "2026-12-07T10:00:41Z",
            "2026-12-07T10:00:02Z",
            "2026-12-07T08:15:02Z",
            null,
            null,
            1730L,
            1520L,
            null,
            0L,
            2L,
            208L,
            null,
            0L,
            false,
            false,
            0L,
            null);
    RuleResult failed =
        RuleResult.failed(
            "id-document-media",
            "run-1",
            "2026-12-07T10:00:41Z",
            "2026-12-07T10:00:42Z",
            "DeleteObjects failed on "
                + PLANTED_KEY
                + " row "
                + PLANTED_ROW
                + " with "
                + PLANTED_SECRET);
    RuleResult earlier =
        new RuleResult(
            "training-faces",
            "run-0",
            RunOutcome.Succeeded,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            5L,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    RunRecord run =
        new RunRecord(
            "run-1",
            "sweep",
            "verification-media",
            "uid-1",
            3L,
            "verification-media",
            RunMode.Enforce,
            RunOutcome.Failed,
            "2026-12-07T10:00:02Z",
            "2026-12-07T10:00:42Z",
            "2026-12-07T11:00:02Z",
            1,
            "rule id-document-media failed: " + PLANTED_KEY + " " + PLANTED_SECRET,
            null,
            List.of(done, failed, earlier));
    List<Receipt> receipts =
        RunReceipts.of(
            run,
            RunOutcome.Failed,
            new RunReceipts.Store("ekyc", "verification-media", "ObjectStorage", "SG"),
            Optional.empty(),
            "2026-12-07T10:00:43Z");

    assertThat(receipts)
        .extracting(Receipt::kind)
        .containsExactly(Receipt.RUN, Receipt.RULE_RUN, Receipt.RULE_RUN);
    assertThat(receipts.get(0).get("job.exitCode")).isEqualTo(1L);
    assertThat(receipts.get(1).get("counts.deleted")).isEqualTo(1520L);
    assertThat(receipts.get(1).get("counts"))
        .asString()
        .doesNotContain("erased"); // null: the engine cannot tell
    assertThat(receipts.get(2).string("outcome")).isEqualTo("Failed");
    for (Receipt r : receipts) {
      assertThat(r.text())
          .doesNotContain("PLANTED")
          .doesNotContain("hunter2")
          .doesNotContain(".jpg");
      assertThat(r.canonical()).isTrue();
    }
  }

  @Test
  void aDeadRunsRunningRulesDiedWithIt() {
    RunRecord run =
        new RunRecord(
            "run-2",
            "purge",
            "identification-data",
            "uid-2",
            1L,
            "service-db",
            RunMode.Enforce,
            RunOutcome.Running,
            "2026-12-07T10:00:00Z",
            null,
            "2026-12-07T11:00:00Z",
            null,
            null,
            null,
            List.of(RuleResult.running("identification-records", "run-2", "2026-12-07T10:00:01Z")));
    List<Receipt> receipts =
        RunReceipts.of(
            run,
            RunOutcome.Died,
            new RunReceipts.Store("ekyc", "service-db", "SQL", "SG"),
            Optional.empty(),
            "2026-12-07T11:00:30Z");
    assertThat(receipts).extracting(r -> r.string("outcome")).containsExactly("Died", "Died");
  }
}
