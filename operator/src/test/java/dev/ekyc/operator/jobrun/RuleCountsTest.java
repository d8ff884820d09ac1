package dev.ekyc.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a rule's counts say about the oldest data still due, the value the overdue metric is bounded
 * by.
 */
class RuleCountsTest {

  @Test
  void aRuleFinishedWithoutBacklogLeftNothingDue() {
    assertThat(counts(0, false, null).oldestDueAgeSeconds()).contains(0L);
  }

  @Test
  void aBacklogReportsTheAgeTheEngineSaw() {
    assertThat(counts(0, true, 864_000L).oldestDueAgeSeconds()).contains(864_000L);
  }

  @Test
  void aBacklogOfUnknownAgeReportsNothing() {
    assertThat(counts(0, true, null).oldestDueAgeSeconds()).isEmpty();
  }

  @Test
  void errorsBoundNothing() {
    assertThat(counts(2, false, null).oldestDueAgeSeconds()).isEmpty();
    assertThat(counts(2, true, 5L).oldestDueAgeSeconds()).isEmpty();
  }

  private static RuleRunner.Counts counts(long errors, boolean backlog, Long age) {
    return new RuleRunner.Counts(
        "2026-12-01T00:00:00Z",
        "2026-11-30T00:00:00Z",
        null,
        null,
        10L,
        2L,
        null,
        null,
        null,
        null,
        null,
        errors,
        backlog,
        backlog,
        age);
  }
}
