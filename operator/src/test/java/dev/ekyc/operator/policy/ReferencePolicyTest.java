package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every row of policy-facts.md, compiled from the resources of the API sketch. */
class ReferencePolicyTest {
  static final String POLICIES =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: verification-media}
      spec:
        storeRef: {name: verification-media}
        mode: Enforce
        safety: {maxDeletionsPerRun: 500000}
        rules:
        - name: liveness-media
          dataCategory: biometric
          objects: {prefix: liveness/}
          retention: 2h
        - name: id-document-media
          dataCategory: identity-document
          objects: {prefix: id-ocr/}
          retention: 2h
        - name: training-faces
          dataCategory: biometric
          objects: {prefix: training/faces/}
          retention: 2h
          withConsent: {consentPolicyRef: {name: model-training}, retention: 30d}
      ---
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: identification-data}
      spec:
        storeRef: {name: service-db}
        rules:
        - name: identification
          dataCategory: identification
          table: {name: identification_records, timestampColumn: created_at, key: id}
          retention: 30d
          sensitive:
            consentPolicyRef: {name: model-training}
            columns: [face_image_ref, id_number]
            withoutConsent: {eraseAfter: 2h}
      ---
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: service-records}
      spec:
        storeRef: {name: service-db}
        schedule: "17 * * * *"
        rules:
        - name: monitoring
          dataCategory: monitoring
          table: {name: api_calls, timestampColumn: started_at, key: id}
          retention: 730d
      ---
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: operation-logs}
      spec:
        storeRef: {name: operation-logs}
        rules:
        - name: operation-logs
          dataCategory: operation-log
          indices: {pattern: "oplog-*"}
          retention: 730d
      """;

  static EnforcementPlan plan;

  @BeforeAll
  static void compileReference() {
    plan = compile(join(MEDIA_STORE, SEARCH_STORE, SQL_STORE, CONSENT, POLICIES));
  }

  @Test
  void referencePolicyHasNoErrorsAndEveryPolicyIsEnforceable() {
    assertThat(plan.problems()).filteredOn(Problem::isError).isEmpty();
    assertThat(plan.stores()).hasSize(3);
    assertThat(plan.stores())
        .flatMap(StorePlan::policies)
        .hasSize(4)
        .allMatch(PolicyPlan::enforceable);
  }

  @Test
  void livenessMediaIsSweptWithinTwoHoursFifteenWithADayBackstop() {
    RulePlan rule = rule(plan, "verification-media", "liveness-media");
    assertThat(rule.mechanisms())
        .extracting(Mechanism::kind)
        .containsExactly("Sweeper", "LifecycleRule");
    ObjectSweep sweep = (ObjectSweep) rule.mechanisms().get(0);
    assertThat(sweep.role()).isEqualTo(Mechanism.Role.PRIMARY);
    assertThat(sweep.deleteOlderThan()).isEqualTo(Duration.ofHours(2));
    assertThat(sweep.schedule()).isEqualTo("*/15 * * * *");
    assertThat(sweep.maxDeletionsPerRun()).isEqualTo(500_000L);
    LifecycleExpiration backstop = (LifecycleExpiration) rule.mechanisms().get(1);
    assertThat(backstop.role()).isEqualTo(Mechanism.Role.BACKSTOP);
    assertThat(backstop.days()).isEqualTo(1);
    assertThat(backstop.prefix()).isEqualTo("liveness/");
    assertThat(DurationText.format(rule.worstCaseAge())).isEqualTo("2h15m");
    assertThat(rule.explanation()).contains("within 2h15m").contains("Backstop");
  }

  @Test
  void idDocumentMediaIsSweptLikeLivenessMedia() {
    RulePlan rule = rule(plan, "verification-media", "id-document-media");
    assertThat(rule.dataCategory()).isEqualTo("identity-document");
    assertThat(DurationText.format(rule.worstCaseAge())).isEqualTo("2h15m");
    assertThat(rule.target()).isEqualTo("s3://ekyc-verification-media/id-ocr/");
  }

  @Test
  void trainingFacesWithConsentAreKeptThirtyDaysAndTheBackstopNeverFiresEarly() {
    RulePlan rule = rule(plan, "verification-media", "training-faces");
    ObjectSweep sweep = (ObjectSweep) rule.mechanisms().get(0);
    assertThat(sweep.consent().tagKey()).isEqualTo("consent-model-training");
    assertThat(sweep.consent().tagValue()).isEqualTo("granted");
    assertThat(sweep.consent().retention()).isEqualTo(Duration.ofDays(30));
    LifecycleExpiration backstop = (LifecycleExpiration) rule.mechanisms().get(1);
    assertThat(backstop.days())
        .as("backstop must not delete consented objects before 30d")
        .isEqualTo(30);
    assertThat(DurationText.format(rule.worstCaseAge())).isEqualTo("2h15m");
    assertThat(DurationText.format(rule.worstCaseAgeWithConsent())).isEqualTo("30d15m");
  }

  @Test
  void identificationRowsKeptThirtyDaysAndSensitiveColumnsErasedWithoutConsent() {
    RulePlan rule = rule(plan, "identification-data", "identification");
    assertThat(rule.mechanisms())
        .extracting(Mechanism::kind)
        .containsExactly("ColumnErasure", "Purge");
    ColumnErasure erasure = (ColumnErasure) rule.mechanisms().get(0);
    assertThat(erasure.columns()).containsExactly("face_image_ref", "id_number");
    assertThat(erasure.eraseAfter()).isEqualTo(Duration.ofHours(2));
    SqlConsent consent = erasure.consent();
    assertThat(consent.grantedColumn()).isEqualTo("consent_model_training");
    assertThat(consent.withdrawnAtColumn()).isEqualTo("consent_withdrawn_at");
    assertThat(consent.minimumAge().ageFor("TH")).isEqualTo(20);
    assertThat(consent.minimumAge().ageFor("SG")).isEqualTo(18);
    assertThat(consent.parentalConsentColumn()).isEqualTo("parental_consent");
    assertThat(DurationText.format(rule.sensitiveWorstCaseAge())).isEqualTo("2h15m");
    assertThat(DurationText.format(rule.worstCaseAge())).isEqualTo("30d15m");
  }

  @Test
  void monitoringRowsPurgedAfterTwoYearsOnTheGivenSchedule() {
    RulePlan rule = rule(plan, "service-records", "monitoring");
    TablePurge purge = (TablePurge) rule.mechanisms().get(0);
    assertThat(purge.table()).isEqualTo("api_calls");
    assertThat(purge.deleteOlderThan()).isEqualTo(Duration.ofDays(730));
    assertThat(purge.schedule()).isEqualTo("17 * * * *");
    assertThat(purge.batchSize()).isPositive();
    assertThat(DurationText.format(rule.worstCaseAge())).isEqualTo("730d1h");
  }

  @Test
  void operationLogsDeletedByIlmNeverBeforeTheNewestDocumentIsTwoYearsOld() {
    RulePlan rule = rule(plan, "operation-logs", "operation-logs");
    IndexLifecycle ilm = (IndexLifecycle) rule.mechanisms().get(0);
    assertThat(ilm.kind()).isEqualTo("ILM");
    assertThat(ilm.indexPattern()).isEqualTo("oplog-*");
    assertThat(ilm.deleteAfter()).isEqualTo(Duration.ofDays(731));
    assertThat(DurationText.format(rule.worstCaseAge())).isEqualTo("731d10m");
    assertThat(
            plan.policy(new ResourceRef("RetentionPolicy", "ekyc", "operation-logs"))
                .orElseThrow()
                .schedule())
        .as("search rules need no job")
        .isNull();
  }

  @Test
  void planIsDeterministic() {
    EnforcementPlan again = compile(join(POLICIES, CONSENT, SQL_STORE, SEARCH_STORE, MEDIA_STORE));
    assertThat(again).isEqualTo(plan);
  }
}
