package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Behaviours that decide whether data is deleted, each pinned by a test that fails without it
 * (found by mutation testing: each was a surviving mutant before, see docs/testing.md).
 */
class DecisionBehaviourTest {

  private static final ResourceRef IDENT = new ResourceRef("RetentionPolicy", "ekyc", "ident");

  private static String identificationPolicy(String extraSpec) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: ident}
        spec:
          storeRef: {name: service-db}
        """
        + extraSpec.indent(2)
        + """
          rules:
          - name: identification
            dataCategory: identification
            table: {name: identification_records, timestampColumn: created_at, key: id}
            retention: 30d
            sensitive:
              consentPolicyRef: {name: model-training}
              columns: [face_image_ref]
              withoutConsent: {eraseAfter: 2h}
        """;
  }

  @Test
  void anAuditPolicyIsCompiledAsAuditNotEnforce() {
    EnforcementPlan plan = compile(join(SQL_STORE, CONSENT, identificationPolicy("mode: Audit")));

    PolicyPlan policy = plan.policy(IDENT).orElseThrow();
    assertThat(policy.mode()).isEqualTo(EnforcementMode.Audit);
    assertThat(policy.enforceable()).isTrue();
  }

  @Test
  void aPolicyWithoutModeIsEnforced() {
    EnforcementPlan plan = compile(join(SQL_STORE, CONSENT, identificationPolicy("")));

    assertThat(plan.policy(IDENT).orElseThrow().mode()).isEqualTo(EnforcementMode.Enforce);
  }

  @Test
  void sensitiveColumnsRefuseAScheduleSlowerThanTheWithdrawalDeadline() {
    // Runs once a month: consent withdrawn the day after a run would stay unerased for weeks, past
    // 72h.
    EnforcementPlan plan =
        compile(join(SQL_STORE, CONSENT, identificationPolicy("schedule: '0 3 1 * *'")));

    assertThat(plan.problems())
        .anySatisfy(
            p -> {
              assertThat(p.isError()).isTrue();
              assertThat(p.resource()).isEqualTo(IDENT);
              assertThat(p.field()).isEqualTo("spec.schedule");
              assertThat(p.message()).contains("3d erasure deadline after consent withdrawal");
            });
    // An error the compiler can compile past still stops enforcement: the rules are there, for
    // reporting only.
    PolicyPlan policy = plan.policy(IDENT).orElseThrow();
    assertThat(policy.rules()).hasSize(1);
    assertThat(policy.enforceable()).isFalse();
  }

  @Test
  void aScheduleWithinTheWithdrawalDeadlineIsAccepted() {
    EnforcementPlan plan =
        compile(join(SQL_STORE, CONSENT, identificationPolicy("schedule: '7 */6 * * *'")));

    assertThat(plan.problems()).noneMatch(Problem::isError);
    assertThat(plan.policy(IDENT).orElseThrow().enforceable()).isTrue();
  }

  @Test
  void whenBothDayFieldsAreRestrictedEitherDayRuns() {
    // Standard cron: the 1st of the month OR any Monday. Read as AND (Mondays that are the 1st) the
    // longest gap
    // would be years and the plan would overstate, read wrongly the other way it would understate
    // the worst case.
    // Exactly a week: reading either day field as always true would make it a day or two.
    assertThat(CronSchedule.parse("0 0 1 * 1").longestGap()).isEqualTo(Duration.ofDays(7));
    // Only the 1st or the 15th, OR Sundays: never more than 7 days apart.
    assertThat(CronSchedule.parse("0 0 1,15 * 0").longestGap()).isEqualTo(Duration.ofDays(7));
    // One field restricted: the other '*' does not widen it (the 1st only: 31 days apart at most).
    assertThat(CronSchedule.parse("0 0 1 * *").longestGap()).isEqualTo(Duration.ofDays(31));
    assertThat(CronSchedule.parse("0 0 * * 1").longestGap()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void oneAwsBucketReachedThroughTwoEndpointsIsOneLocation() {
    String regional =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: media-a}
        spec:
          jurisdiction: SG
          objectStorage:
            provider: AWS
            endpoint: https://s3.ap-southeast-1.amazonaws.com
            region: ap-southeast-1
            bucket: ekyc-media
        """;
    String global =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: media-b}
        spec:
          jurisdiction: SG
          objectStorage:
            provider: AWS
            endpoint: https://s3.amazonaws.com
            region: ap-southeast-1
            bucket: ekyc-media
        """;
    var a = Fixtures.inputs(regional).stores().get(0).getSpec();
    var b = Fixtures.inputs(global).stores().get(0).getSpec();

    assertThat(StoreLocation.of(a).key()).isEqualTo(StoreLocation.of(b).key());
    // Two generic S3 servers with different hosts are two locations, even with one bucket name.
    a.objectStorage.provider = dev.ekyc.operator.api.v1alpha1.ObjectStorageProvider.Generic;
    b.objectStorage.provider = dev.ekyc.operator.api.v1alpha1.ObjectStorageProvider.Generic;
    assertThat(StoreLocation.of(a).key()).isNotEqualTo(StoreLocation.of(b).key());
  }

  @Test
  void twoPoliciesOnOneAwsBucketThroughTwoEndpointsConflict() {
    String stores =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: media-a}
        spec:
          jurisdiction: SG
          objectStorage: {provider: AWS, endpoint: 'https://s3.ap-southeast-1.amazonaws.com', region: ap-southeast-1, bucket: ekyc-media}
        ---
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: media-b}
        spec:
          jurisdiction: SG
          objectStorage: {provider: AWS, endpoint: 'https://s3.amazonaws.com', region: ap-southeast-1, bucket: ekyc-media}
        """;
    String policies =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: short}
        spec:
          storeRef: {name: media-a}
          rules:
          - {name: faces, dataCategory: biometric, objects: {prefix: faces/}, retention: 2h}
        ---
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: long}
        spec:
          storeRef: {name: media-b}
          rules:
          - {name: faces, dataCategory: biometric, objects: {prefix: faces/}, retention: 30d}
        """;
    EnforcementPlan plan = compile(join(stores, policies));

    for (String name : new String[] {"short", "long"}) {
      var ref = new ResourceRef("RetentionPolicy", "ekyc", name);
      assertThat(plan.policy(ref).orElseThrow().enforceable()).as(name).isFalse();
    }
  }

  @Test
  void anErrorOnAnotherPolicyOrAWarningDoesNotStopAValidPolicy() {
    String broken =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: broken}
        spec:
          storeRef: {name: no-such-store}
          rules:
          - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2h}
        """;
    // Per-jurisdiction ages without a jurisdiction column: a warning on the policy (the strictest
    // age applies).
    String noJurisdiction = CONSENT.replace("      jurisdiction: country\n", "");
    EnforcementPlan plan =
        compile(join(SQL_STORE, noJurisdiction, identificationPolicy(""), broken));

    assertThat(plan.problems()).anyMatch(p -> p.isError() && p.resource().name().equals("broken"));
    assertThat(plan.problems()).anyMatch(p -> !p.isError() && p.resource().equals(IDENT));
    assertThat(plan.policy(IDENT).orElseThrow().enforceable()).isTrue();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1} days")
  @org.junit.jupiter.params.provider.CsvSource({
    "2h,1", "1d,1", "25h,2", "36h,2", "2d,2", "49h,3", "30d,30"
  })
  void theLifecycleBackstopNeverExpiresBeforeTheRetention(String retention, int days) {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media}
        spec:
          storeRef: {name: verification-media}
          rules:
          - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: %s}
        """
                    .formatted(retention)));
    // S3 counts whole days: a part day rounds up, never down.
    assertThat(rule(plan, "media", "a").mechanisms())
        .filteredOn(m -> m instanceof LifecycleExpiration)
        .singleElement()
        .satisfies(m -> assertThat(((LifecycleExpiration) m).days()).isEqualTo(days));
  }
}
