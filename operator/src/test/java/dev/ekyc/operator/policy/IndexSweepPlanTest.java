package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.compile;
import static dev.ekyc.operator.policy.Fixtures.join;
import static dev.ekyc.operator.policy.Fixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A search store with {@code indexDeletion: Sweep} (a cluster without ILM/ISM): its indices rules
 * become the sweep job's, with a schedule, a worst case that counts the gap between runs, and no
 * ILM/ISM policy.
 */
class IndexSweepPlanTest {
  private static final String SWEPT_STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: logs-no-ilm}
      spec:
        search:
          engine: Elasticsearch
          endpoint: https://es.internal:9200
          indexDeletion: Sweep
      """;

  private static String policy(String rule) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: logs-no-ilm}
          safety:
            maxDeletionsPerRun: 50
            legalHold: {indexAlias: legal-hold}
          rules:
        """
        + rule.indent(2);
  }

  @Test
  void indicesRulesBecomeAnIndexSweepOnTheJobsSchedule() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE,
                policy(
                    """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*", writeWindow: 1h}
          retention: 2h
        """)));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    PolicyPlan policy =
        plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "logs")).orElseThrow();
    assertThat(policy.schedule()).as("sub-day: the frequent default").isEqualTo("*/15 * * * *");
    RulePlan rule = rule(plan, "logs", "app-logs");
    assertThat(rule.mechanisms())
        .singleElement()
        .isInstanceOfSatisfying(
            IndexSweep.class,
            sweep -> {
              assertThat(sweep.indexPattern()).isEqualTo("applog-*");
              assertThat(sweep.deleteAfter()).isEqualTo(Duration.ofHours(3));
              assertThat(sweep.legalHoldAlias()).isEqualTo("legal-hold");
              assertThat(sweep.maxDeletionsPerRun()).isEqualTo(50);
              assertThat(sweep.schedule()).isEqualTo("*/15 * * * *");
              assertThat(sweep.kind()).isEqualTo("IndexSweeper");
            });
    assertThat(rule.worstCaseAge())
        .as("retention + write window + gap")
        .isEqualTo(Duration.ofMinutes(195));
    assertThat(rule.explanation()).contains("sweep job").contains("never deleted");
  }

  @Test
  void aLifecycleStoreKeepsIlmAndHasNoJobSchedule() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE.replace("Sweep", "Lifecycle"),
                policy(
                    """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*"}
          retention: 30d
        """)));
    PolicyPlan policy =
        plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "logs")).orElseThrow();
    assertThat(policy.schedule()).isNull();
    assertThat(rule(plan, "logs", "app-logs").mechanisms())
        .singleElement()
        .isInstanceOf(IndexLifecycle.class);
  }

  @Test
  void aDataStreamRuleOnASweptStoreIsRefusedWithTheFix() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE,
                policy(
                    """
        - name: stream
          dataCategory: operation-log
          dataStream: {name: logs-app}
          retention: 30d
        """)));
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.field()).isEqualTo("spec.rules[0].dataStream");
              assertThat(p.describe()).contains("indexDeletion").contains("Lifecycle");
            });
  }

  @Test
  void aPromiseTheScheduleCannotKeepIsRefusedWithAScheduleFix() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE,
                policy(
                        """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*", writeWindow: 1h}
          retention: 2h
          deleteWithin: 190m
        """)
                    .replace("rules:", "schedule: '0 * * * *'\n  rules:")));
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.describe())
                  .contains(
                      "worst case 4h breaks the promise 3h10m (2h retention + 1h write window + 1h"
                          + " between runs of '0 * * * *')")
                  .contains("schedule '*/10 * * * *'");
            });
  }

  @Test
  void anIlmRulesBrokenPromiseNamesPollingAndNoSchedule() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE.replace("Sweep", "Lifecycle"),
                policy(
                    """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*", writeWindow: 1h}
          retention: 2h
          deleteWithin: 185m
        """)));
    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.describe()).contains("+ 10m polling)").doesNotContain("schedule '");
            });
  }

  @Test
  void aSubDayPromiseOnASweptStoreGetsAFrequentEnoughDefaultSchedule() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE,
                policy(
                    """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*", writeWindow: 1h}
          retention: 2h
          deleteWithin: 190m
        """)));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    PolicyPlan policy =
        plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "logs")).orElseThrow();
    assertThat(policy.schedule()).as("a gap of at most 10m").isEqualTo("*/10 * * * *");
  }

  @Test
  void aLongRetentionOnASweptStoreRunsHourly() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE,
                policy(
                    """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*", writeWindow: 1d}
          retention: 30d
        """)));
    PolicyPlan policy =
        plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "logs")).orElseThrow();
    assertThat(policy.schedule()).matches("\\d+ \\* \\* \\* \\*");
    assertThat(rule(plan, "logs", "app-logs").worstCaseAge())
        .isEqualTo(Duration.ofDays(31).plusHours(1));
  }

  @Test
  void theDefaultScheduleKeepsAStatedPromise() {
    EnforcementPlan plan =
        compile(
            join(
                SWEPT_STORE,
                policy(
                    """
        - name: app-logs
          dataCategory: operation-log
          indices: {pattern: "applog-*", writeWindow: 1d}
          retention: 30d
          deleteWithin: 44650m
        """)));
    assertThat(plan.problems()).noneMatch(Problem::isError);
    assertThat(rule(plan, "logs", "app-logs").worstCaseAge())
        .isLessThanOrEqualTo(Duration.ofDays(31).plusMinutes(10));
  }

  @Test
  void thePlanSaysWhichIndicesTheSweepDeletesAndWhichItSkips() {
    var held =
        new IndexSweep(
            "applog-*",
            Duration.ofHours(3),
            Duration.ofHours(1),
            "legal-hold",
            "*/15 * * * *",
            50,
            Mechanism.Role.PRIMARY);
    assertThat(held.summary())
        .contains(
            "*/15 * * * *",
            "applog-*",
            "never a write index",
            "skip indices with alias legal-hold");
    var noHold =
        new IndexSweep(
            "applog-*",
            Duration.ofHours(3),
            Duration.ofHours(1),
            null,
            "*/15 * * * *",
            50,
            Mechanism.Role.PRIMARY);
    assertThat(noHold.summary())
        .contains("applog-*", "never a write index")
        .doesNotContain("alias");
  }
}
