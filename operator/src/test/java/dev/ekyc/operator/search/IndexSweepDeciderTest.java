package dev.ekyc.operator.search;

import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.BACKLOG;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.DELETE;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.HELD;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.NO_CREATION_DATE;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.SYSTEM_OR_HIDDEN;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.TOO_YOUNG;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.WRITE_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which indices one sweep run deletes: every reason to keep one, the cutoff's edge, the cap and its backlog. */
class IndexSweepDeciderTest {
  private static final Instant CUTOFF = Instant.parse("2026-12-01T12:00:00Z");
  private static final String HOLD = "legal-hold";

  @Test
  void onlyIndicesCreatedStrictlyBeforeTheCutoffAreDue() {
    var outcome = decide(List.of(index("old", CUTOFF.minusMillis(1)), index("edge", CUTOFF),
        index("young", CUTOFF.plusSeconds(60))), Map.of(), 10);
    assertThat(verdicts(outcome)).containsEntry("old", DELETE).containsEntry("edge", TOO_YOUNG)
        .containsEntry("young", TOO_YOUNG);
  }

  @Test
  void aDueIndexCarryingTheLegalHoldAliasIsKept() {
    var outcome = decide(List.of(index("held", CUTOFF.minus(Duration.ofDays(9)), HOLD, null)), Map.of(HOLD, 5), 10);
    assertThat(verdicts(outcome)).containsEntry("held", HELD);
    assertThat(outcome.toDelete()).isEmpty();
  }

  @Test
  void theWriteIndexOfAnAliasIsKeptWhetherFlaggedOrTheAliasOnlyIndex() {
    Instant old = CUTOFF.minus(Duration.ofDays(30));
    var outcome = decide(List.of(
        index("flagged", old, "logs", true),
        index("rolled", old, "logs", false),
        index("sole", old, "solo", null),
        index("shared", old, "many", null)), Map.of("logs", 2, "solo", 1, "many", 3), 10);
    assertThat(verdicts(outcome)).containsEntry("flagged", WRITE_INDEX).containsEntry("rolled", DELETE)
        .containsEntry("sole", WRITE_INDEX).containsEntry("shared", DELETE);
  }

  @Test
  void anAliasOfUnknownSizeKeepsItsIndex() {
    var outcome = decide(List.of(index("unknown", CUTOFF.minusSeconds(3600), "new-alias", null)), Map.of(), 10);
    assertThat(verdicts(outcome)).containsEntry("unknown", WRITE_INDEX);
  }

  @Test
  void systemHiddenAndUndatedIndicesAreNeverDeleted() {
    Instant old = CUTOFF.minus(Duration.ofDays(400));
    var outcome = decide(List.of(
        index(".ds-logs-000001", old),
        new IndexFacts("hidden", old, true, Map.of()),
        new IndexFacts("undated", null, false, Map.of())), Map.of(), 10);
    assertThat(verdicts(outcome)).containsEntry(".ds-logs-000001", SYSTEM_OR_HIDDEN)
        .containsEntry("hidden", SYSTEM_OR_HIDDEN).containsEntry("undated", NO_CREATION_DATE);
  }

  @Test
  void theCapDeletesTheOldestFirstAndLeavesTheRestAsBacklog() {
    var outcome = decide(List.of(
        index("c", CUTOFF.minus(Duration.ofDays(1))),
        index("a", CUTOFF.minus(Duration.ofDays(3))),
        index("b", CUTOFF.minus(Duration.ofDays(2))),
        index("young", CUTOFF.plusSeconds(1))), Map.of(), 2);
    assertThat(outcome.toDelete()).extracting(IndexFacts::name).containsExactly("a", "b");
    assertThat(verdicts(outcome)).containsEntry("c", BACKLOG);
    assertThat(outcome.oldestBacklog()).contains(CUTOFF.minus(Duration.ofDays(1)));
    assertThat(outcome.count(TOO_YOUNG)).isEqualTo(1);
  }

  @Test
  void withoutBacklogThereIsNoOldestDueIndex() {
    var outcome = decide(List.of(index("a", CUTOFF.minusSeconds(5))), Map.of(), 1);
    assertThat(outcome.oldestBacklog()).isEmpty();
    assertThat(outcome.count(DELETE)).isEqualTo(1);
  }

  @Test
  void onlyTheAliasesOfPossiblyDueIndicesAreSized() {
    List<IndexFacts> indices = List.of(index("old", CUTOFF.minusSeconds(5), "a", null),
        index("young", CUTOFF.plusSeconds(5), "b", null),
        new IndexFacts("held", CUTOFF.minusSeconds(5), false, Map.of(HOLD, false)));
    assertThat(IndexSweepDecider.aliasesToSize(indices, HOLD, CUTOFF)).containsExactly("a");
  }

  private static IndexSweepDecider.Outcome decide(List<IndexFacts> indices, Map<String, Integer> sizes, long cap) {
    return IndexSweepDecider.decide(indices, sizes, HOLD, CUTOFF, cap);
  }

  private static IndexFacts index(String name, Instant created) {
    return new IndexFacts(name, created, false, Map.of());
  }

  private static IndexFacts index(String name, Instant created, String alias, Boolean writeFlag) {
    Map<String, Boolean> aliases = new HashMap<>();
    aliases.put(alias, writeFlag);
    return new IndexFacts(name, created, false, aliases);
  }

  private static Map<String, IndexSweepDecider.Verdict> verdicts(IndexSweepDecider.Outcome outcome) {
    Map<String, IndexSweepDecider.Verdict> out = new HashMap<>();
    outcome.decisions().forEach(d -> out.put(d.index().name(), d.verdict()));
    return out;
  }
}
