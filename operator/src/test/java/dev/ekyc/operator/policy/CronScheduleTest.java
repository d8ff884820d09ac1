package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "*/15 * * * *      | PT15M",
      "* * * * *         | PT1M",
      "17 * * * *        | PT1H",
      "0,45 * * * *      | PT45M",
      "0 0 * * *         | PT24H",
      "0 9 * * 1-5       | PT72H",
      "0 9 * * MON-FRI   | PT72H",
      "0 0 1 * *         | PT744H",
      "0 0 * * 0         | PT168H",
      "0 0 * 2 1         | PT8400H",
      "0 0 29 2 *        | PT35064H",
      "0 */6 * * *       | PT6H",
      "5-10/5 * * * *    | PT55M",
      "0 0 1 JAN *       | PT8784H",
  })
  void longestGapBetweenRuns(String expression, Duration expected) {
    assertThat(CronSchedule.parse(expression).longestGap()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aSteppedDayOfMonthIsRestrictedAsKubernetesReadsIt() {
    // robfig/cron: */2 restricts day-of-month, so with a day-of-week the two combine with OR (Mondays, or odd days)
    assertThat(CronSchedule.parse("0 0 */2 * 1").longestGap()).isEqualTo(Duration.ofDays(2));
  }

  @org.junit.jupiter.api.Test
  void dayOfMonthAndDayOfWeekTogetherMeanEither() {
    // the 1st of the month OR any Monday: never more than 7 days apart
    assertThat(CronSchedule.parse("0 0 1 * 1").longestGap()).isLessThanOrEqualTo(Duration.ofDays(7));
  }

  @ParameterizedTest
  @ValueSource(strings = {"60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "* * * * 8", "0 0 * * 7", "* * *",
      "a * * * *", "5-1 * * * *", "*/0 * * * *", "0 0 30 2 *", "", "* * * * * *"})
  void rejectsInvalidExpressionsWithAMessage(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Exception");
  }
}
