package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each way a promise (deleteWithin) is refused, with the fix it names; and what stays as it was
 * without one.
 */
class PromisesTest {

  private static String mediaPolicy(String schedule, String rule) {
    return join(
        MEDIA_STORE,
        CONSENT,
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
        """
            + (schedule == null ? "" : "  schedule: \"" + schedule + "\"\n")
            + "  rules:\n"
            + rule);
  }

  private static String tablePolicy(String schedule, String rule) {
    return join(
        SQL_STORE,
        CONSENT,
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records}
        spec:
          storeRef: {name: service-db}
        """
            + (schedule == null ? "" : "  schedule: \"" + schedule + "\"\n")
            + "  rules:\n"
            + rule);
  }

  private static Problem onlyError(EnforcementPlan plan) {
    List<Problem> errors = plan.problems().stream().filter(Problem::isError).toList();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  private static PolicyPlan policy(EnforcementPlan plan, String name) {
    return plan.policy(new ResourceRef("RetentionPolicy", "ekyc", name)).orElseThrow();
  }

  @Test
  void aSweeperThatRunsTooRarelyIsRefusedWithThreeFixes() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                "*/15 * * * *",
                """
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2h
            deleteWithin: 130m
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(p.message())
        .isEqualTo(
            "worst case 2h15m breaks the promise 2h10m (2h retention + up to 15m between"
                + " runs of '*/15 * * * *')");
    assertThat(p.fix())
        .isEqualTo(
            "runs every 15m: set retention at most 115m (1h55m), or deleteWithin at least"
                + " 135m (2h15m), or schedule '*/10 * * * *'");
    assertThat(policy(plan, "media").enforceable()).isFalse();
  }

  @Test
  void aPromiseNoScheduleCanKeepNamesOnlyTheDurations() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                null,
                """
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2h
            deleteWithin: 2h
        """));
    Problem p = onlyError(plan);
    assertThat(p.fix())
        .isEqualTo(
            "runs every 15m: set retention at most 105m (1h45m), or deleteWithin at least"
                + " 135m (2h15m)");
  }

  @Test
  void withoutAScheduleOfItsOwnThePolicyRunsOftenEnoughForItsPromise() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                null,
                """
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2h
            deleteWithin: 130m
        """));
    assertThat(plan.problems()).isEmpty();
    PolicyPlan policy = policy(plan, "media");
    assertThat(policy.schedule()).isEqualTo("*/10 * * * *");
    assertThat(policy.worstCaseAge()).isEqualTo(Duration.ofMinutes(130));
    assertThat(policy.promise()).isEqualTo(Duration.ofMinutes(130));
    assertThat(rule(plan, "media", "liveness").overdueAfter()).isEqualTo(Duration.ofMinutes(130));
  }

  @Test
  void withoutPromisesNothingChanges() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                null,
                """
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2h
        """));
    assertThat(plan.problems()).isEmpty();
    PolicyPlan policy = policy(plan, "media");
    assertThat(policy.schedule()).isEqualTo("*/15 * * * *");
    assertThat(policy.worstCaseAge()).isEqualTo(Duration.ofMinutes(135));
    assertThat(policy.promise()).isNull();
    RulePlan rule = rule(plan, "media", "liveness");
    assertThat(rule.promises()).isEqualTo(Promises.NONE);
    assertThat(rule.overdueAfter())
        .as("no promise: overdue past the worst case")
        .isEqualTo(Duration.ofMinutes(135));
  }

  @Test
  void sensitiveColumnsPromiseIsHeldAgainstTheErasureJob() {
    EnforcementPlan plan =
        compile(
            tablePolicy(
                "0 * * * *",
                """
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 30d
            sensitive:
              consentPolicyRef: {name: model-training}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h, deleteWithin: 130m}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].sensitive.withoutConsent.deleteWithin");
    assertThat(p.message())
        .startsWith("worst case 3h breaks the promise 2h10m (2h eraseAfter + up to 1h");
    assertThat(p.fix())
        .isEqualTo(
            "runs every 1h: set sensitive.withoutConsent.eraseAfter at most 70m (1h10m), or"
                + " sensitive.withoutConsent.deleteWithin at least 3h, or schedule '*/10 * * * *'");
  }

  @Test
  void aShorterRetentionIsNotOfferedWhenItWouldFallBelowEraseAfter() {
    EnforcementPlan plan =
        compile(
            tablePolicy(
                "0 * * * *",
                """
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 150m
            deleteWithin: 170m
            sensitive:
              consentPolicyRef: {name: model-training}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(p.fix())
        .isEqualTo(
            "runs every 1h: set deleteWithin at least 210m (3h30m), or schedule"
                + " '*/20 * * * *'");
  }

  @Test
  void consentRetentionPromiseNamesTheConsentFields() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                "*/15 * * * *",
                """
          - name: training
            dataCategory: biometric
            objects: {prefix: training/}
            retention: 105m
            deleteWithin: 2h
            withConsent: {consentPolicyRef: {name: model-training}, retention: 30d, deleteWithin: 43205m}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].withConsent.deleteWithin");
    assertThat(p.message()).startsWith("worst case 30d15m breaks the promise 30d5m (30d retention");
    assertThat(p.fix())
        .isEqualTo(
            "runs every 15m: set withConsent.retention at most 43190m (29d23h50m), or"
                + " withConsent.deleteWithin at least 43215m (30d15m), or schedule '*/5 * * * *'");
  }

  @Test
  void searchPromiseOffersRetentionWriteWindowOrALongerPromise() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          rules:
          - name: oplog
            dataCategory: operation-log
            indices: {pattern: "oplog-*", writeWindow: 1d}
            retention: 30d
            deleteWithin: 31d
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(p.message())
        .isEqualTo(
            "worst case 31d10m breaks the promise 31d (30d retention + 1d write window +"
                + " 10m polling)");
    assertThat(p.fix())
        .isEqualTo(
            "indices are deleted whole: set retention at most 43190m (29d23h50m), or"
                + " indices.writeWindow at most 1430m (23h50m) (roll over that often), or deleteWithin at least 44650m"
                + " (31d10m)");
  }

  @Test
  void promisesTooLongForMinutesAreRoundedToWholeHoursOnTheSafeSide() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          rules:
          - name: oplog
            dataCategory: operation-log
            indices: {pattern: "oplog-*", writeWindow: 1d}
            retention: 730d
            deleteWithin: 731d
        """));
    assertThat(onlyError(plan).fix())
        .contains("retention at most 17519h (729d23h)", "deleteWithin at least 17545h (731d1h)");
  }

  @Test
  void withdrawalDeadlineIsAPromiseWithItsFix() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                    "0 * * * *",
                    """
          - name: faces
            dataCategory: biometric
            objects: {prefix: faces/}
            retention: 2h
            withConsent: {consentPolicyRef: {name: model-training}, retention: 30d}
        """)
                .replace("erasureAfterWithdrawal: 72h", "erasureAfterWithdrawal: 30m"));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.schedule");
    assertThat(p.fix())
        .isEqualTo(
            "runs every 1h: set schedule '*/30 * * * *', or spec.erasureAfterWithdrawal of"
                + " ConsentPolicy model-training at least 1h");
    RulePlan rule = rule(plan, "media", "faces");
    assertThat(rule.promises().erasureAfterWithdrawal()).isEqualTo(Duration.ofMinutes(30));
    assertThat(rule.promises().withdrawalWorstCaseAge()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aPolicyPromiseIsShownOnlyWhenEveryRuleStatesOne() {
    EnforcementPlan plan =
        compile(
            mediaPolicy(
                null,
                """
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 105m
            deleteWithin: 2h
          - name: documents
            dataCategory: identity-document
            objects: {prefix: documents/}
            retention: 1d
        """));
    assertThat(plan.problems()).isEmpty();
    assertThat(policy(plan, "media").promise()).isNull();
    assertThat(rule(plan, "media", "liveness").promise()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void aShorterRetentionEqualToEraseAfterIsNotOffered() {
    // retention at most 2h would equal eraseAfter, which the API refuses (eraseAfter must be
    // shorter).
    EnforcementPlan plan =
        compile(
            tablePolicy(
                "0 * * * *",
                """
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 150m
            deleteWithin: 3h
            sensitive:
              consentPolicyRef: {name: model-training}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h}
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(p.fix())
        .isEqualTo(
            "runs every 1h: set deleteWithin at least 210m (3h30m), or schedule"
                + " '*/30 * * * *'");
  }

  @Test
  void aShorterRetentionJustAboveEraseAfterIsOffered() {
    EnforcementPlan plan =
        compile(
            tablePolicy(
                "0 * * * *",
                """
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 150m
            deleteWithin: 181m
            sensitive:
              consentPolicyRef: {name: model-training}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h}
        """));
    assertThat(onlyError(plan).fix())
        .isEqualTo(
            "runs every 1h: set retention at most 121m (2h1m), or deleteWithin"
                + " at least 210m (3h30m), or schedule '*/30 * * * *'");
  }

  @Test
  void dataStreamPromiseOffersRetentionWriteWindowOrALongerPromise() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          rules:
          - name: oplog
            dataCategory: operation-log
            dataStream: {name: oplog, writeWindow: 12h}
            retention: 30d
            deleteWithin: 732h
        """));
    Problem p = onlyError(plan);
    assertThat(p.field()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(p.message())
        .isEqualTo(
            "worst case 30d12h5m breaks the promise 30d12h (30d retention + 12h write"
                + " window + 5m polling)");
    assertThat(p.fix())
        .isEqualTo(
            "indices are deleted whole: set retention at most 43195m (29d23h55m), or"
                + " dataStream.writeWindow at most 715m (11h55m) (roll over that often), or deleteWithin at least 43925m"
                + " (30d12h5m)");
  }

  @Test
  void sensitiveColumnsCarryTheWithdrawalDeadlineOfTheirConsentPolicy() {
    EnforcementPlan plan =
        compile(
            tablePolicy(
                "0 * * * *",
                """
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 30d
            sensitive:
              consentPolicyRef: {name: model-training}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h}
        """));
    assertThat(plan.problems()).isEmpty();
    Promises promises = rule(plan, "records", "identification").promises();
    assertThat(promises.erasureAfterWithdrawal()).isEqualTo(Duration.ofHours(72));
    assertThat(promises.withdrawalWorstCaseAge()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theShorterOfTwoWithdrawalDeadlinesIsThePromise() {
    String fraudReview =
        CONSENT
            .replace("name: model-training", "name: fraud-review")
            .replace("purpose: model-training", "purpose: fraud-review");
    String rule =
        """
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 30d
            withConsent: {consentPolicyRef: {name: model-training}, retention: 60d}
            sensitive:
              consentPolicyRef: {name: fraud-review}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h}
        """;
    // Either consent policy may have the shorter deadline: the rule keeps the shorter one.
    EnforcementPlan sensitiveShorter =
        compile(
            join(
                tablePolicy("0 * * * *", rule),
                fraudReview.replace("erasureAfterWithdrawal: 72h", "erasureAfterWithdrawal: 24h")));
    EnforcementPlan consentShorter =
        compile(
            join(
                tablePolicy("0 * * * *", rule),
                fraudReview.replace("erasureAfterWithdrawal: 72h", "erasureAfterWithdrawal: 96h")));

    assertThat(sensitiveShorter.problems()).isEmpty();
    assertThat(
            rule(sensitiveShorter, "records", "identification").promises().erasureAfterWithdrawal())
        .isEqualTo(Duration.ofHours(24));
    assertThat(consentShorter.problems()).isEmpty();
    assertThat(
            rule(consentShorter, "records", "identification").promises().erasureAfterWithdrawal())
        .isEqualTo(Duration.ofHours(72));
  }

  @Test
  void aSearchPromiseEqualToTheWorstCaseIsKept() {
    // 30d retention + 1d write window + 10m ILM polling = 31d10m = 44650m: promised exactly,
    // accepted.
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          rules:
          - name: oplog
            dataCategory: operation-log
            indices: {pattern: "oplog-*", writeWindow: 1d}
            retention: 30d
            deleteWithin: 44650m
        """));
    assertThat(plan.problems()).isEmpty();
    assertThat(policy(plan, "logs").enforceable()).isTrue();
  }
}
