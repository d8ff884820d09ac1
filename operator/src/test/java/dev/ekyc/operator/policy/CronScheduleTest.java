package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
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
        // Sundays in April, June and September: the longest gap (late September to the first Sunday
        // in April 196
        // days later) happens once per 28-year cycle and spans two cycles, so one cycle alone reads
        // 189 days
        "0 0 * 4,6,9 0     | PT4704H",
      })
  void longestGapBetweenRuns(String expression, Duration expected) {
    assertThat(CronSchedule.parse(expression).longestGap()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aSteppedDayOfMonthIsRestrictedAsKubernetesReadsIt() {
    // robfig/cron: */2 restricts day-of-month, so with a day-of-week the two combine with OR
    // (Mondays, or odd days)
    assertThat(CronSchedule.parse("0 0 */2 * 1").longestGap()).isEqualTo(Duration.ofDays(2));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // the 1st of the month OR any Monday: a week apart at most, and exactly a week where no 1st
        // falls between
        "0 0 1 * 1         | PT168H",
        "0 0 1,15 * 0      | PT168H",
        // Friday the 13th read as standard cron: any 13th or any Friday
        "0 0 13 * 5        | PT168H",
      })
  void dayOfMonthAndDayOfWeekTogetherMeanEither(String expression, Duration expected) {
    assertThat(CronSchedule.parse(expression).longestGap()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/5 * * * *", "1,,2 * * * *", "0 0 * * ,1"})
  void anEmptyValueIsNamedAsEmpty(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty value in");
  }

  @org.junit.jupiter.api.Test
  void aScheduleThatNeverRunsIsRefused() {
    // February never has a 30th: no run to measure a gap from
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never runs");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * * 13 *",
        "* * * * 8",
        "0 0 * * 7",
        "* * *",
        "a * * * *",
        "5-1 * * * *",
        "*/0 * * * *",
        "0 0 30 2 *",
        "",
        "* * * * * *"
      })
  void rejectsInvalidExpressionsWithAMessage(String expression) {
    assertThatThrownBy(() -> CronSchedule.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("Exception");
  }
}
