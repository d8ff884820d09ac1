package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScheduleSuggestionTest {

  @Test
  void everyStatedGapIsTheScheduleLongestGap() {
    for (ScheduleSuggestion.Candidate candidate : ScheduleSuggestion.CANDIDATES) {
      assertThat(CronSchedule.parse(candidate.cron()).longestGap())
          .as(candidate.cron())
          .isEqualTo(candidate.gap());
    }
  }

  @Test
  void candidatesRunFromLeastToMostFrequent() {
    for (int i = 1; i < ScheduleSuggestion.CANDIDATES.size(); i++) {
      assertThat(ScheduleSuggestion.CANDIDATES.get(i).gap())
          .isLessThan(ScheduleSuggestion.CANDIDATES.get(i - 1).gap());
    }
  }

  @Test
  void suggestsTheLeastFrequentScheduleThatFits() {
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofDays(3))).isEqualTo("0 0 * * *");
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofHours(24))).isEqualTo("0 0 * * *");
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofMinutes(1439)))
        .isEqualTo("0 */12 * * *");
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofMinutes(15))).isEqualTo("*/15 * * * *");
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofMinutes(14))).isEqualTo("*/10 * * * *");
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofMinutes(5))).isEqualTo("*/5 * * * *");
    assertThat(ScheduleSuggestion.withGapAtMost(Duration.ofMinutes(4))).isNull();
  }
}
