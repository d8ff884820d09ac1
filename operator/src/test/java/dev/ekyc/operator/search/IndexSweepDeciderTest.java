package dev.ekyc.operator.search;

import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.BACKLOG;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.DELETE;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.HELD;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.NO_CREATION_DATE;
import static dev.ekyc.operator.search.IndexSweepDecider.Verdict.OUTSIDE_PATTERN;
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

/**
 * Which indices one sweep run deletes: every reason to keep one, the cutoff's edge, the cap and its
 * backlog.
 */
class IndexSweepDeciderTest {
  private static final Instant CUTOFF = Instant.parse("2026-12-01T12:00:00Z");
  private static final String HOLD = "legal-hold";
  private static final String PATTERN = "logs-*";

  @Test
  void onlyIndicesCreatedStrictlyBeforeTheCutoffAreDue() {
    var outcome =
        decide(
            List.of(
                index("old", CUTOFF.minusMillis(1)),
                index("edge", CUTOFF),
                index("young", CUTOFF.plusSeconds(60))),
            Map.of(),
            10);
    assertThat(verdicts(outcome))
        .containsEntry("old", DELETE)
        .containsEntry("edge", TOO_YOUNG)
        .containsEntry("young", TOO_YOUNG);
  }

  @Test
  void aDueIndexCarryingTheLegalHoldAliasIsKept() {
    var outcome =
        decide(
            List.of(index("held", CUTOFF.minus(Duration.ofDays(9)), HOLD, null)),
            Map.of(HOLD, 5),
            10);
    assertThat(verdicts(outcome)).containsEntry("held", HELD);
    assertThat(outcome.toDelete()).isEmpty();
  }

  @Test
  void theWriteIndexOfAnAliasIsKeptWhetherFlaggedOrTheAliasOnlyIndex() {
    Instant old = CUTOFF.minus(Duration.ofDays(30));
    var outcome =
        decide(
            List.of(
                index("flagged", old, "logs", true),
                index("rolled", old, "logs", false),
                index("sole", old, "solo", null),
                index("shared", old, "many", null)),
            Map.of("logs", 2, "solo", 1, "many", 3),
            10);
    assertThat(verdicts(outcome))
        .containsEntry("flagged", WRITE_INDEX)
        .containsEntry("rolled", DELETE)
        .containsEntry("sole", WRITE_INDEX)
        .containsEntry("shared", DELETE);
  }

  @Test
  void anAliasOfUnknownSizeKeepsItsIndex() {
    var outcome =
        decide(
            List.of(index("unknown", CUTOFF.minusSeconds(3600), "new-alias", null)), Map.of(), 10);
    assertThat(verdicts(outcome)).containsEntry("unknown", WRITE_INDEX);
  }

  @Test
  void systemHiddenAndUndatedIndicesAreNeverDeleted() {
    Instant old = CUTOFF.minus(Duration.ofDays(400));
    var outcome =
        decide(
            List.of(
                new IndexFacts(
                    ".ds-logs-app-000001",
                    old,
                    false,
                    Map.of()), // a data stream logs-app resolved by the cluster
                new IndexFacts("logs-hidden", old, true, Map.of()),
                new IndexFacts("logs-undated", null, false, Map.of())),
            Map.of(),
            10);
    assertThat(verdicts(outcome))
        .containsEntry(".ds-logs-app-000001", OUTSIDE_PATTERN)
        .containsEntry("hidden", SYSTEM_OR_HIDDEN)
        .containsEntry("undated", NO_CREATION_DATE);
  }

  @Test
  void theCapDeletesTheOldestFirstAndLeavesTheRestAsBacklog() {
    var outcome =
        decide(
            List.of(
                index("c", CUTOFF.minus(Duration.ofDays(1))),
                index("a", CUTOFF.minus(Duration.ofDays(3))),
                index("b", CUTOFF.minus(Duration.ofDays(2))),
                index("young", CUTOFF.plusSeconds(1))),
            Map.of(),
            2);
    assertThat(outcome.toDelete()).extracting(IndexFacts::name).containsExactly("logs-a", "logs-b");
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
    List<IndexFacts> indices =
        List.of(
            index("old", CUTOFF.minusSeconds(5), "a", null),
            index("young", CUTOFF.plusSeconds(5), "b", null),
            new IndexFacts("logs-held", CUTOFF.minusSeconds(5), false, Map.of(HOLD, false)),
            new IndexFacts("other", CUTOFF.minusSeconds(5), false, Map.of("z", false)));
    assertThat(IndexSweepDecider.aliasesToSize(indices, PATTERN, HOLD, CUTOFF))
        .containsExactly("a");
  }

  private static IndexSweepDecider.Outcome decide(
      List<IndexFacts> indices, Map<String, Integer> sizes, long cap) {
    return IndexSweepDecider.decide(indices, PATTERN, sizes, HOLD, CUTOFF, cap);
  }

  @Test
  void anIndexReachedThroughAMatchingAliasButNamedOtherwiseIsNeverTouched() {
    // GET logs-*/_settings resolves an alias named logs-current to its indices, whatever their
    // names.
    var outcome =
        IndexSweepDecider.decide(
            List.of(
                new IndexFacts(
                    "other-000001",
                    CUTOFF.minus(Duration.ofDays(90)),
                    false,
                    Map.of("logs-current", false)),
                new IndexFacts(
                    "other-000002",
                    CUTOFF.minus(Duration.ofDays(80)),
                    false,
                    Map.of("logs-current", true))),
            "logs-*",
            Map.of("logs-current", 2),
            HOLD,
            CUTOFF,
            10);
    assertThat(outcome.toDelete()).isEmpty();
    assertThat(outcome.count(OUTSIDE_PATTERN)).isEqualTo(2);
  }

  @Test
  void patternsAreALiteralPrefixOrALiteralName() {
    assertThat(IndexSweepDecider.matches("logs-2026.01.01", "logs-*")).isTrue();
    assertThat(IndexSweepDecider.matches("logs-", "logs-*")).isTrue();
    assertThat(IndexSweepDecider.matches("logsx", "logs-*")).isFalse();
    assertThat(IndexSweepDecider.matches("xlogs-1", "logs-*")).isFalse();
    assertThat(IndexSweepDecider.matches("logs", "logs")).isTrue();
    assertThat(IndexSweepDecider.matches("logs-1", "logs")).isFalse();
  }

  /** Index names in the tests are short; the helpers put them under the pattern. */
  private static IndexFacts index(String name, Instant created) {
    return new IndexFacts("logs-" + name, created, false, Map.of());
  }

  private static IndexFacts index(String name, Instant created, String alias, Boolean writeFlag) {
    Map<String, Boolean> aliases = new HashMap<>();
    aliases.put(alias, writeFlag);
    return new IndexFacts("logs-" + name, created, false, aliases);
  }

  private static Map<String, IndexSweepDecider.Verdict> verdicts(
      IndexSweepDecider.Outcome outcome) {
    Map<String, IndexSweepDecider.Verdict> out = new HashMap<>();
    outcome
        .decisions()
        .forEach(d -> out.put(d.index().name().replaceFirst("^logs-", ""), d.verdict()));
    return out;
  }
}
