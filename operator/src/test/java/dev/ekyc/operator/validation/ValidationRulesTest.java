package dev.ekyc.operator.validation;

import static dev.ekyc.operator.validation.Validators.CONSENT;
import static dev.ekyc.operator.validation.Validators.OBJECT_POLICY;
import static dev.ekyc.operator.validation.Validators.OBJECT_STORE;
import static dev.ekyc.operator.validation.Validators.SEARCH_STORE;
import static dev.ekyc.operator.validation.Validators.SQL_STORE;
import static dev.ekyc.operator.validation.Validators.TABLE_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CEL rule of the three CRDs, evaluated offline: a manifest that breaks it is rejected at the
 * field that carries the rule, with the rule's message, and a close manifest that keeps it passes.
 * A last test makes sure no rule in the CRDs is left without such a pair.
 */
class ValidationRulesTest {

  /**
   * A rule (named by the start of its message), where it is reported, and a breaking and a keeping
   * manifest.
   */
  record RuleCase(String message, String path, TestManifest breaking, TestManifest keeping) {
    @Override
    public String toString() {
      return message;
    }
  }

  static Stream<RuleCase> cases() {
    String longKey = "k".repeat(129);
    String longValue = "v".repeat(257);
    return Stream.of(
        // DataStore
        new RuleCase(
            "set exactly one of objectStorage, search or sql",
            "spec",
            OBJECT_STORE.set(
                "spec.sql",
                "{engine: MySQL, host: db, database: ekyc, credentialsSecretRef: {name: c}}"),
            OBJECT_STORE),
        new RuleCase(
            "set exactly one of objectStorage, search or sql",
            "spec",
            OBJECT_STORE.remove("spec.objectStorage"),
            SQL_STORE),
        new RuleCase(
            "set at most one of credentialsSecretRef",
            "spec.search",
            SEARCH_STORE.set("spec.search.apiKeySecretRef", "{name: api-key}"),
            SEARCH_STORE
                .remove("spec.search.credentialsSecretRef")
                .set("spec.search.apiKeySecretRef", "{name: k}")),
        new RuleCase(
            "mode VerifyCA and VerifyIdentity need caSecretRef",
            "spec.sql.tls",
            SQL_STORE.set("spec.sql.tls", "{mode: VerifyIdentity}"),
            SQL_STORE.set("spec.sql.tls", "{mode: VerifyIdentity, caSecretRef: {name: db-ca}}")),
        new RuleCase(
            "endpoint must not contain credentials",
            "spec.objectStorage",
            OBJECT_STORE.set(
                "spec.objectStorage.endpoint", "https://key:secret@s3.eu-west-1.amazonaws.com"),
            OBJECT_STORE.set(
                "spec.objectStorage.endpoint", "https://s3.eu-west-1.amazonaws.com:443")),
        new RuleCase(
            "endpoint must not contain credentials",
            "spec.search",
            SEARCH_STORE.set("spec.search.endpoint", "https://elastic:pw@search.internal:9200"),
            SEARCH_STORE.set("spec.search.endpoint", "https://search.internal:9201")),
        // RetentionPolicy
        new RuleCase(
            "schedule must be five cron fields",
            "spec.schedule",
            OBJECT_POLICY.set("spec.schedule", "'@hourly'"),
            OBJECT_POLICY.set("spec.schedule", "'17 * * * *'")),
        new RuleCase(
            "tag keys are 1 to 128 characters",
            "spec.rules[0].objects",
            OBJECT_POLICY.set("spec.rules[0].objects.tags", "{" + longKey + ": v}"),
            OBJECT_POLICY.set(
                "spec.rules[0].objects.tags",
                "{" + "k".repeat(128) + ": " + "v".repeat(256) + "}")),
        new RuleCase(
            "tag keys are 1 to 128 characters",
            "spec.rules[0].objects",
            OBJECT_POLICY.set("spec.rules[0].objects.tags", "{k: " + longValue + "}"),
            OBJECT_POLICY.set("spec.rules[0].objects.tags", "{k: v}")),
        new RuleCase(
            "columns must not repeat",
            "spec.rules[0].sensitive",
            withSensitive("[id_number, id_number]"),
            withSensitive("[id_number, face_image_ref]")),
        new RuleCase(
            "timestampColumn and key must be different columns",
            "spec.rules[0].table",
            TABLE_POLICY.set("spec.rules[0].table.timestampColumn", "id"),
            TABLE_POLICY),
        new RuleCase(
            "set exactly one selector",
            "spec.rules[0]",
            OBJECT_POLICY.set("spec.rules[0].indices", "{pattern: oplog-*}"),
            OBJECT_POLICY),
        new RuleCase(
            "set exactly one selector",
            "spec.rules[0]",
            OBJECT_POLICY.remove("spec.rules[0].objects"),
            OBJECT_POLICY
                .remove("spec.rules[0].objects")
                .set("spec.rules[0].dataStream", "{name: oplog}")),
        new RuleCase(
            "withConsent.retention must be longer than retention",
            "spec.rules[0]",
            withConsent("30d", "2h"),
            withConsent("2h", "30d")),
        new RuleCase(
            "withConsent.retention must be longer than retention",
            "spec.rules[0]",
            withConsent("30d", "720h"),
            withConsent("30d", "721h")),
        new RuleCase(
            "withConsent.retention must be longer than retention",
            "spec.rules[0]",
            withConsent("1d", "1439m"),
            withConsent("1439m", "1d")),
        new RuleCase(
            "withConsent needs an objects or table selector",
            "spec.rules[0]",
            OBJECT_POLICY
                .remove("spec.rules[0].objects")
                .set("spec.rules[0].indices", "{pattern: oplog-*}")
                .set("spec.rules[0].withConsent", "{consentPolicyRef: {name: mt}, retention: 30d}"),
            withConsent("2h", "30d")),
        new RuleCase(
            "sensitive columns need a table selector",
            "spec.rules[0]",
            OBJECT_POLICY
                .set("spec.rules[0].retention", "30d")
                .set(
                    "spec.rules[0].sensitive",
                    "{consentPolicyRef: {name: mt}, columns: [face], withoutConsent: {eraseAfter: 2h}}"),
            withSensitive("[face]")),
        new RuleCase(
            "sensitive.withoutConsent.eraseAfter must be shorter than retention",
            "spec.rules[0]",
            withSensitive("[face]")
                .set("spec.rules[0].sensitive.withoutConsent.eraseAfter", "720h"),
            withSensitive("[face]")
                .set("spec.rules[0].sensitive.withoutConsent.eraseAfter", "719h")),
        new RuleCase(
            "sensitive.columns must not include the table's key or timestampColumn",
            "spec.rules[0]",
            withSensitive("[face, created_at]"),
            withSensitive("[face, updated_at]")),
        new RuleCase(
            "sensitive.columns must not include the table's key or timestampColumn",
            "spec.rules[0]",
            withSensitive("[id]"),
            withSensitive("[id_number]")),
        new RuleCase(
            "acceptedResiduals must name each kind at most once",
            "spec.rules[0].acceptedResiduals",
            OBJECT_POLICY.set(
                "spec.rules[0].acceptedResiduals",
                "[{kind: Backups, reason: 'restored only into an"
                    + " isolated network'}, {kind: Backups, reason: 'a second reason for the same kind of copy'}]"),
            OBJECT_POLICY.set(
                "spec.rules[0].acceptedResiduals",
                "[{kind: Backups, reason: 'restored only into an"
                    + " isolated network'}, {kind: Snapshots, reason: 'snapshots kept 7d for disaster recovery'}]")),
        new RuleCase(
            "deleteWithin must be longer than retention",
            "spec.rules[0].deleteWithin",
            OBJECT_POLICY.set("spec.rules[0].deleteWithin", "120m"),
            OBJECT_POLICY.set("spec.rules[0].deleteWithin", "121m")),
        new RuleCase(
            "deleteWithin must be longer than retention",
            "spec.rules[0].deleteWithin",
            OBJECT_POLICY.set("spec.rules[0].deleteWithin", "1h"),
            OBJECT_POLICY.set("spec.rules[0].deleteWithin", "1d")),
        new RuleCase(
            "withConsent.deleteWithin must be longer than withConsent.retention",
            "spec.rules[0].withConsent.deleteWithin",
            withConsent("2h", "30d").set("spec.rules[0].withConsent.deleteWithin", "720h"),
            withConsent("2h", "30d").set("spec.rules[0].withConsent.deleteWithin", "721h")),
        new RuleCase(
            "sensitive.withoutConsent.deleteWithin must be longer than eraseAfter",
            "spec.rules[0].sensitive.withoutConsent.deleteWithin",
            withSensitive("[face]")
                .set("spec.rules[0].sensitive.withoutConsent.deleteWithin", "2h"),
            withSensitive("[face]")
                .set("spec.rules[0].sensitive.withoutConsent.deleteWithin", "135m")),
        new RuleCase(
            "rule names must be unique within the policy",
            "spec",
            OBJECT_POLICY.set(
                "spec.rules[1]",
                "{name: liveness, dataCategory: biometric, objects: {prefix: b/},"
                    + " retention: 2h}"),
            OBJECT_POLICY.set(
                "spec.rules[1]",
                "{name: documents, dataCategory: biometric, objects: {prefix: b/},"
                    + " retention: 2h}")),
        // ConsentPolicy
        new RuleCase(
            "data categories must not repeat",
            "spec.appliesTo",
            CONSENT.set("spec.appliesTo.dataCategories", "[biometric, biometric]"),
            CONSENT.set("spec.appliesTo.dataCategories", "[biometric, identification]")),
        new RuleCase(
            "byJurisdiction keys are ISO 3166-1 alpha-2 codes",
            "spec.minimumAge",
            CONSENT.set("spec.minimumAge", "{default: 18, byJurisdiction: {th: 20}}"),
            CONSENT.set("spec.minimumAge", "{default: 18, byJurisdiction: {TH: 20}}")),
        new RuleCase(
            "byJurisdiction ages must be between 0 and 25",
            "spec.minimumAge",
            CONSENT.set("spec.minimumAge", "{default: 18, byJurisdiction: {TH: 26}}"),
            CONSENT.set("spec.minimumAge", "{default: 18, byJurisdiction: {TH: 25}}")),
        new RuleCase(
            "byJurisdiction ages must be between 0 and 25",
            "spec.minimumAge",
            CONSENT.set("spec.minimumAge", "{default: 18, byJurisdiction: {TH: -1}}"),
            CONSENT.set("spec.minimumAge", "{default: 18, byJurisdiction: {TH: 0}}")),
        new RuleCase(
            "set at least one of objectTag, objectPrefix, sqlColumns or documentField",
            "spec.recordedAs",
            CONSENT.set("spec.recordedAs", "{}"),
            CONSENT.set("spec.recordedAs", "{documentField: consent.model_training}")),
        new RuleCase(
            "set objectTag or objectPrefix, not both",
            "spec.recordedAs",
            CONSENT.set("spec.recordedAs.objectPrefix", "consented/"),
            CONSENT
                .remove("spec.recordedAs.objectTag")
                .set("spec.recordedAs.objectPrefix", "consented/")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void breakingTheRuleIsReportedAtItsFieldWithItsMessage(RuleCase c) {
    List<Violation> violations = Validators.validate(c.breaking()).violations();

    assertThat(violations).as("violations of %s", c.message()).hasSize(1);
    Violation violation = violations.get(0);
    assertThat(violation.kind()).isEqualTo(Violation.Kind.RULE_FAILED);
    assertThat(violation.path().text()).isEqualTo(c.path());
    assertThat(violation.message()).startsWith(c.message());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keepingTheRulePasses(RuleCase c) {
    assertThat(Validators.validate(c.keeping()).violations()).isEmpty();
  }

  @Test
  void everyRuleOfTheCrdsHasACase() {
    List<String> covered = cases().map(RuleCase::message).toList();
    List<String> uncovered = new ArrayList<>();
    for (String plural : List.of("datastores", "consentpolicies", "retentionpolicies")) {
      for (String message : ruleMessages(CrdSchemas.crd(plural, ApiConstants.GROUP))) {
        if (covered.stream().noneMatch(message::startsWith)) {
          uncovered.add(plural + ": " + message);
        }
      }
    }
    assertThat(uncovered).as("CEL rules without a breaking/keeping case in this test").isEmpty();
  }

  private static TestManifest withSensitive(String columns) {
    return TABLE_POLICY.set(
        "spec.rules[0].sensitive",
        "{consentPolicyRef: {name: model-training}, columns: "
            + columns
            + ", withoutConsent: {eraseAfter: 2h}}");
  }

  private static TestManifest withConsent(String retention, String consentedRetention) {
    return OBJECT_POLICY
        .set("spec.rules[0].retention", retention)
        .set(
            "spec.rules[0].withConsent",
            "{consentPolicyRef: {name: model-training}, retention: " + consentedRetention + "}");
  }

  private static List<String> ruleMessages(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.path("x-kubernetes-validations").forEach(r -> out.add(r.path("message").asText()));
    node.forEach(child -> out.addAll(ruleMessages(child)));
    return out;
  }
}
