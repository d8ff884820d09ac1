package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The plan's explanation is what an operator reads to know which data is kept and why: each
 * sentence must say exactly which rows, objects or indices are spared.
 */
class PlanExplanationTest {

  private static String tablePolicy(String consent, String rule) {
    return join(
        SQL_STORE,
        consent,
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records}
        spec:
          storeRef: {name: service-db}
          schedule: "0 * * * *"
          rules:
        """
            + rule.indent(2));
  }

  private static final String CONSENTED_ROWS =
      """
      - name: identification
        dataCategory: identification
        table: {name: identification_records, timestampColumn: created_at, key: id}
        retention: 30d
        withConsent: {consentPolicyRef: {name: model-training}, retention: 60d}
      """;

  @Test
  void rowsKeptWithConsentNameEveryConditionOfTheConsent() {
    RulePlan rule =
        rule(compile(tablePolicy(CONSENT, CONSENTED_ROWS)), "records", "identification");
    assertThat(rule.explanation())
        .endsWith(
            " Rows with consent_model_training is true and consent_withdrawn_at is"
                + " NULL and the end user was at least the minimum age (18, by jurisdiction {TH=20}) or parental_consent"
                + " is true are kept 60d.");
  }

  @Test
  void aConsentWithOnlyAGrantedColumnNamesOnlyThatColumn() {
    String plain =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: ConsentPolicy
        metadata: {name: model-training}
        spec:
          purpose: model-training
          requires: ExplicitConsent
          appliesTo: {dataCategories: [identification]}
          erasureAfterWithdrawal: 72h
          recordedAs:
            sqlColumns: {granted: consent_model_training}
        """;
    RulePlan rule = rule(compile(tablePolicy(plain, CONSENTED_ROWS)), "records", "identification");
    assertThat(rule.explanation())
        .endsWith(" Rows with consent_model_training is true are kept 60d.");
  }

  @Test
  void aMinimumAgeWithoutJurisdictionsOrParentalConsentIsStatedAlone() {
    String ageOnly =
        CONSENT
            .replace("    byJurisdiction: {TH: 20}\n", "")
            .replace(
                "parentalConsentBelowMinimumAge: true", "parentalConsentBelowMinimumAge: false");
    RulePlan rule =
        rule(compile(tablePolicy(ageOnly, CONSENTED_ROWS)), "records", "identification");
    assertThat(rule.explanation())
        .endsWith(
            " Rows with consent_model_training is true and consent_withdrawn_at is"
                + " NULL and the end user was at least the minimum age (18) are kept 60d.");
  }

  @Test
  void withoutConsentNoRowIsSaidToBeKept() {
    RulePlan rule =
        rule(
            compile(
                tablePolicy(
                    CONSENT,
                    """
        - name: identification
          dataCategory: identification
          table: {name: identification_records, timestampColumn: created_at, key: id}
          retention: 30d
        """)),
            "records",
            "identification");
    assertThat(rule.explanation()).doesNotContain("are kept").endsWith("per run.");
  }

  @Test
  void sensitiveColumnsNameTheConsentThatSparesThem() {
    RulePlan rule =
        rule(
            compile(
                tablePolicy(
                    CONSENT,
                    """
        - name: identification
          dataCategory: identification
          table: {name: identification_records, timestampColumn: created_at, key: id}
          retention: 30d
          sensitive:
            consentPolicyRef: {name: model-training}
            columns: [face_image_ref]
            withoutConsent: {eraseAfter: 2h}
        """)),
            "records",
            "identification");
    assertThat(rule.explanation())
        .startsWith(
            "Columns face_image_ref are set to NULL within 3h (2h + up to 1h"
                + " between runs) unless consent_model_training is true and consent_withdrawn_at is NULL and the end user"
                + " was at least the minimum age (18, by jurisdiction {TH=20}) or parental_consent is true. ");
  }

  @Test
  void aBackstopOfOneDayIsSingular() {
    RulePlan rule =
        rule(
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
          - {name: a, dataCategory: biometric, objects: {prefix: a/}, retention: 2h}
          - {name: b, dataCategory: biometric, objects: {prefix: b/}, retention: 2d}
        """)),
            "media",
            "a");
    assertThat(rule.explanation()).contains("expires them after 1 day (S3 rounds up");
  }

  @Test
  void aBackstopOfSeveralDaysIsPlural() {
    RulePlan rule =
        rule(
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
          - {name: b, dataCategory: biometric, objects: {prefix: b/}, retention: 2d}
        """)),
            "media",
            "b");
    assertThat(rule.explanation()).contains("expires them after 2 days (S3 rounds up");
  }

  @Test
  void indicesUnderLegalHoldAreNamedAndWithoutAHoldNothingIsSaid() {
    String policy =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: logs}
        spec:
          storeRef: {name: operation-logs}
          %s
          rules:
          - {name: oplog, dataCategory: operation-log, indices: {pattern: "oplog-*"}, retention: 30d}
          - {name: audit, dataCategory: operation-log, dataStream: {name: audit}, retention: 30d}
        """;
    EnforcementPlan held =
        compile(join(SEARCH_STORE, policy.formatted("safety: {legalHold: {indexAlias: hold}}")));
    EnforcementPlan free = compile(join(SEARCH_STORE, policy.formatted("")));
    for (String name : new String[] {"oplog", "audit"}) {
      assertThat(rule(held, "logs", name).explanation())
          .as(name)
          .endsWith(" Indices with alias hold (legal hold) are detached and kept.");
      assertThat(rule(free, "logs", name).explanation()).as(name).doesNotContain("legal hold");
    }
  }
}
