package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edges of the small pieces every plan is built from: cron fields, durations, owned names, the
 * plan's lookups.
 */
class CoreEdgesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "5-5 * * * *         | PT1H",
        "0-59/30 * * * *     | PT30M",
        "59 * * * *          | PT1H",
        "0 23 * * *          | PT24H",
        "0 0 * * 6           | PT168H",
        "0 0 * * sat         | PT168H",
        "0 12 * * 0-6        | PT24H",
        "59 23 31 12 *       | PT8784H",
        "0 0 1-31/10 * *     | PT240H",
        "0 0,12 * * *        | PT12H",
        "0 6,18 * * *        | PT12H",
        "0 0 * dec *         | PT8064H",
      })
  void cronFieldsAtTheirLimits(String expression, Duration expected) {
    assertThat(CronSchedule.parse(expression).longestGap()).isEqualTo(expected);
  }

  @Test
  void aScheduleKnowsItsOwnTrimmedExpression() {
    CronSchedule schedule = CronSchedule.parse("  */15 * * * *  ");
    assertThat(schedule.expression()).isEqualTo("*/15 * * * *");
    assertThat(schedule).hasToString("*/15 * * * *");
  }

  @Test
  void cronValuesOutsideTheirFieldAreRefusedNamingTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 32 * *"))
        .hasMessageContaining("day of month value 32")
        .hasMessageContaining("1-31");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * 0 *")).hasMessageContaining("month value 0");
    assertThatThrownBy(() -> CronSchedule.parse("*/60 * * * *"))
        .hasMessageContaining("minute value 60");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * * xyz"))
        .hasMessageContaining("is not a number or name");
    assertThatThrownBy(() -> CronSchedule.parse("x 0 * * *"))
        .hasMessageContaining("is not a number")
        .hasMessageNotContaining("or name");
  }

  @Test
  void parsedSchedulesAreReusedAndBounded() {
    ParsedSchedules schedules = new ParsedSchedules();
    CronSchedule first = schedules.parse("*/15 * * * *");
    assertThat(schedules.parse("*/15 * * * *")).isSameAs(first);
    for (int minute = 0; minute < 60; minute++) {
      for (int hour = 0; hour < 5; hour++) {
        schedules.parse(minute + " " + hour + " * * *");
      }
    }
    assertThat(schedules.size()).isEqualTo(256);
    assertThatThrownBy(() -> schedules.parse("not a cron"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(schedules.size()).isEqualTo(256);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PT105M   | 105m",
        "PT2H     | 2h",
        "PT24H    | 1d",
        "PT1501M  | 1501m",
        "PT1500M  | 25h",
        "PT48H    | 2d",
        "PT1M     | 1m",
        "PT16666H | 16666h",
      })
  void apiTextUsesTheLargestExactUnit(Duration duration, String expected) {
    assertThat(DurationText.apiText(duration)).isEqualTo(expected);
  }

  @Test
  void apiTextHasNoFormForWhatTheApiCannotWrite() {
    assertThat(DurationText.apiText(null)).isNull();
    assertThat(DurationText.apiText(Duration.ZERO)).isNull();
    assertThat(DurationText.apiText(Duration.ofSeconds(90))).isNull();
    assertThat(DurationText.apiText(Duration.ofMinutes(-5))).isNull();
    // 1,000,000 minutes is not a whole number of hours: no single-unit form within six digits.
    assertThat(DurationText.apiText(Duration.ofMinutes(1_000_001))).isNull();
    assertThat(DurationText.apiText(Duration.ofMinutes(999_999))).isEqualTo("999999m");
    assertThat(DurationText.apiText(Duration.ofDays(999_999))).isEqualTo("999999d");
  }

  @Test
  void largestAtMostAndSmallestAtLeastRoundTowardSafety() {
    assertThat(DurationText.largestAtMost(Duration.ofSeconds(59))).isNull();
    assertThat(DurationText.largestAtMost(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(1));
    assertThat(DurationText.largestAtMost(Duration.ofSeconds(150)))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.largestAtMost(Duration.ofMinutes(999_999)))
        .isEqualTo(Duration.ofMinutes(999_999));
    assertThat(DurationText.largestAtMost(Duration.ofMinutes(1_000_000).plusMinutes(59)))
        .isEqualTo(Duration.ofHours(16_667));

    assertThat(DurationText.smallestAtLeast(Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
    assertThat(DurationText.smallestAtLeast(Duration.ofSeconds(61)))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.smallestAtLeast(Duration.ofMinutes(999_999)))
        .isEqualTo(Duration.ofMinutes(999_999));
    assertThat(DurationText.smallestAtLeast(Duration.ofMinutes(1_000_000)))
        .isEqualTo(Duration.ofHours(16_667));
  }

  @Test
  void anOwnedNameThatJustFitsIsKeptWholeAndOneCharacterMoreIsHashed() {
    String prefix = "p/";
    String fits = "x".repeat(8);
    assertThat(OwnedNames.bounded(prefix, fits, 10)).contains("p/xxxxxxxx");
    String longer = OwnedNames.bounded(prefix, "y".repeat(30), 22).orElseThrow();
    assertThat(longer).hasSize(22).startsWith("p/y").contains("~");
    // Room for exactly one character of the tail after the prefix and the 13-character hash suffix.
    assertThat(OwnedNames.bounded(prefix, "z".repeat(30), 16))
        .hasValueSatisfying(n -> assertThat(n).startsWith("p/z~"));
    assertThat(OwnedNames.bounded(prefix, "z".repeat(30), 15)).isEmpty();
  }

  @Test
  void thePlanAnswersErrorsAndProblemsPerResource() {
    ResourceRef a = new ResourceRef("RetentionPolicy", "ekyc", "a");
    ResourceRef b = new ResourceRef("RetentionPolicy", "ekyc", "b");
    Problem warning = Problem.warning(a, "spec", "w", "fix");
    Problem error = Problem.error(b, "spec", "e", "fix");

    assertThat(new EnforcementPlan(List.of(), List.of(warning)).hasErrors()).isFalse();
    EnforcementPlan plan = new EnforcementPlan(List.of(), List.of(warning, error));
    assertThat(plan.hasErrors()).isTrue();
    assertThat(plan.problemsOf(a)).containsExactly(warning);
    assertThat(plan.problemsOf(b)).containsExactly(error);
  }
}
