package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The schedule a policy gets when it names none: often enough for every duration and promise its
 * jobs serve, and otherwise hourly at a minute of its own.
 */
class DefaultScheduleTest {

  private static String tablePolicy(String rule) {
    return join(
        SQL_STORE,
        CONSENT,
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records}
        spec:
          storeRef: {name: service-db}
          rules:
        """
            + rule.indent(2));
  }

  private static String scheduleOf(EnforcementPlan plan) {
    return plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "records"))
        .orElseThrow()
        .schedule();
  }

  private static final String LONG_RETENTION =
      """
      - name: identification
        dataCategory: identification
        table: {name: identification_records, timestampColumn: created_at, key: id}
        retention: 30d
      """;

  @Test
  void durationsOfADayOrMoreRunHourlyAtAMinuteOfThePolicysOwn() {
    // The minute comes from the policy's namespace and name; 'records' in 'ekyc' does not land on
    // minute 0.
    String schedule = scheduleOf(compile(tablePolicy(LONG_RETENTION)));
    assertThat(schedule).matches("[1-9][0-9]? \\* \\* \\* \\*");
  }

  @Test
  void anEraseAfterUnderADayRunsEveryQuarterHour() {
    EnforcementPlan plan =
        compile(
            tablePolicy(
                LONG_RETENTION
                    + """
          sensitive:
            consentPolicyRef: {name: model-training}
            columns: [face_image_ref]
            withoutConsent: {eraseAfter: 2d}
        """
                        .replace("2d", "2h")));
    assertThat(scheduleOf(plan)).isEqualTo("*/15 * * * *");
  }

  @Test
  void aWithdrawalDeadlineUnderADayForSensitiveColumnsRunsEveryQuarterHour() {
    String rule =
        LONG_RETENTION
            + """
          sensitive:
            consentPolicyRef: {name: model-training}
            columns: [face_image_ref]
            withoutConsent: {eraseAfter: 2d}
        """;
    EnforcementPlan plan =
        compile(
            tablePolicy(rule)
                .replace("erasureAfterWithdrawal: 72h", "erasureAfterWithdrawal: 12h"));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    assertThat(scheduleOf(plan)).isEqualTo("*/15 * * * *");
    // The same rule with a 72h deadline stays hourly: the sub-day deadline made the difference.
    assertThat(scheduleOf(compile(tablePolicy(rule)))).isNotEqualTo("*/15 * * * *");
  }

  @Test
  void aPromiseOnSensitiveColumnsMakesTheScheduleFrequentEnough() {
    EnforcementPlan plan =
        compile(
            tablePolicy(
                LONG_RETENTION
                    + """
          sensitive:
            consentPolicyRef: {name: model-training}
            columns: [face_image_ref]
            withoutConsent: {eraseAfter: 2h, deleteWithin: 130m}
        """));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    assertThat(scheduleOf(plan)).isEqualTo("*/10 * * * *");
  }

  @Test
  void aPromiseTheDefaultScheduleAlreadyKeepsLeavesItUnchanged() {
    // 2d retention promised within 2d1h: the hourly default's 1h gap fits exactly, so it stays at
    // its own minute
    // rather than moving to minute 0.
    String withoutPromise = scheduleOf(compile(tablePolicy(LONG_RETENTION.replace("30d", "2d"))));
    EnforcementPlan plan =
        compile(tablePolicy(LONG_RETENTION.replace("30d", "2d") + "  deleteWithin: 49h\n"));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    assertThat(scheduleOf(plan)).isEqualTo(withoutPromise);
  }

  @Test
  void aPromiseNoScheduleCanKeepDoesNotTakeTheOtherRulesSchedule() {
    // The first rule promises no time at all after its retention (refused on its own); the second
    // still gets a
    // schedule that keeps its promise, so the refusal's fixes are measured against a sensible
    // schedule.
    EnforcementPlan plan =
        compile(
            tablePolicy(
                """
        - name: impossible
          dataCategory: identification
          table: {name: identification_records, timestampColumn: created_at, key: id}
          retention: 2h
          deleteWithin: 2h
        - name: audits
          dataCategory: identification
          table: {name: audit_records, timestampColumn: created_at, key: id}
          retention: 2h
          deleteWithin: 130m
        """));
    assertThat(scheduleOf(plan)).isEqualTo("*/10 * * * *");
  }
}
