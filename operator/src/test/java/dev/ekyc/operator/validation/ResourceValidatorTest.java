package dev.ekyc.operator.validation;

import static dev.ekyc.operator.validation.Validators.CONSENT;
import static dev.ekyc.operator.validation.Validators.OBJECT_POLICY;
import static dev.ekyc.operator.validation.Validators.OBJECT_STORE;
import static dev.ekyc.operator.validation.Validators.SEARCH_STORE;
import static dev.ekyc.operator.validation.Validators.SQL_STORE;
import static dev.ekyc.operator.validation.Validators.TABLE_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Schema checks, defaulting and metadata, as the API server applies them before storing a resource.
 */
class ResourceValidatorTest {

  @Test
  void validBaseManifestsPass() {
    for (TestManifest m :
        List.of(OBJECT_STORE, SEARCH_STORE, SQL_STORE, OBJECT_POLICY, TABLE_POLICY, CONSENT)) {
      assertThat(Validators.validate(m).violations()).as(m.kind()).isEmpty();
    }
  }

  @Test
  void defaultsAreAppliedAsTheApiServerWould() {
    JsonNode store = Validators.validate(OBJECT_STORE).defaulted();
    assertThat(store.at("/spec/objectStorage/pathStyle").asBoolean(true)).isFalse();
    assertThat(store.at("/spec/objectStorage/provider").asText()).isEqualTo("Generic");
    assertThat(store.at("/spec/objectStorage/credentialsSecretRef/accessKeyIdKey").asText())
        .isEqualTo("accessKeyId");

    JsonNode policy = Validators.validate(OBJECT_POLICY.set("spec.safety", "{}")).defaulted();
    assertThat(policy.at("/spec/mode").asText()).isEqualTo("Enforce");
    assertThat(policy.at("/spec/safety/maxDeletionsPerRun").asLong()).isEqualTo(100_000L);

    JsonNode db = Validators.validate(SQL_STORE).defaulted();
    assertThat(db.at("/spec/sql/port").asInt()).isEqualTo(3306);
    assertThat(db.at("/spec/sql/tls").isMissingNode())
        .as("no default for a parent that is absent")
        .isTrue();

    JsonNode consent = Validators.validate(CONSENT).defaulted();
    assertThat(consent.at("/spec/requires").asText()).isEqualTo("ExplicitConsent");
    assertThat(consent.at("/spec/parentalConsentBelowMinimumAge").isBoolean()).isTrue();
  }

  @Test
  void explicitValuesAreNotReplacedByDefaults() {
    JsonNode policy = Validators.validate(OBJECT_POLICY.set("spec.mode", "Audit")).defaulted();
    assertThat(policy.at("/spec/mode").asText()).isEqualTo("Audit");
  }

  @Test
  void defaultsApplyBeforeCelRulesAreEvaluated() {
    // tls: {} gets mode Required by default; the rule reads self.mode, which only exists after
    // defaulting.
    ResourceValidator.Result result = Validators.validate(SQL_STORE.set("spec.sql.tls", "{}"));
    assertThat(result.violations()).isEmpty();
    assertThat(result.defaulted().at("/spec/sql/tls/mode").asText()).isEqualTo("Required");
  }

  @Test
  void nullFieldsAreDroppedThenDefaulted() {
    ResourceValidator.Result result =
        Validators.validate(OBJECT_STORE.set("spec.objectStorage.pathStyle", "null"));
    assertThat(result.violations()).isEmpty();
    assertThat(result.defaulted().at("/spec/objectStorage/pathStyle").isBoolean()).isTrue();
  }

  @Test
  void unknownFieldIsAnErrorWithASuggestion() {
    List<Violation> violations =
        Validators.validate(OBJECT_POLICY.set("spec.rules[0].retension", "2h")).violations();
    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path().text()).isEqualTo("spec.rules[0].retension");
              assertThat(v.message()).contains("unknown field");
              assertThat(v.fix()).contains("did you mean retention?");
            });
  }

  @Test
  void unknownTopLevelAndMetadataFieldsAreErrors() {
    List<Violation> violations =
        Validators.validate(OBJECT_STORE.set("specs", "{}").set("metadata.labelz", "{}"))
            .violations();
    assertThat(violations)
        .extracting(v -> v.path().text())
        .containsExactlyInAnyOrder("specs", "metadata.labelz");
  }

  @Test
  void missingRequiredFieldNamesItAndSaysWhatItIs() {
    List<Violation> violations =
        Validators.validate(OBJECT_POLICY.remove("spec.rules[0].retention")).violations();
    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path().text()).isEqualTo("spec.rules[0].retention");
              assertThat(v.message()).isEqualTo("required field is missing");
              assertThat(v.fix()).contains("a whole number and one unit");
            });
  }

  @Test
  void patternEnumBoundsAndLengthsAreChecked() {
    assertThat(paths(OBJECT_POLICY.set("spec.rules[0].retention", "2h30m")))
        .containsExactly("spec.rules[0].retention");
    assertThat(paths(OBJECT_POLICY.set("spec.mode", "DryRun"))).containsExactly("spec.mode");
    assertThat(paths(OBJECT_POLICY.set("spec.safety", "{maxDeletionsPerRun: 0}")))
        .containsExactly("spec.safety.maxDeletionsPerRun");
    assertThat(paths(OBJECT_POLICY.set("spec.safety", "{maxDeletionsPerRun: 100000001}")))
        .containsExactly("spec.safety.maxDeletionsPerRun");
    assertThat(paths(OBJECT_STORE.set("spec.objectStorage.bucket", "ab")))
        .contains("spec.objectStorage.bucket");
    assertThat(paths(OBJECT_POLICY.set("spec.rules[0].purpose", "x".repeat(257))))
        .containsExactly("spec.rules[0].purpose");
    assertThat(paths(OBJECT_POLICY.set("spec.rules", "[]"))).containsExactly("spec.rules");
    assertThat(paths(CONSENT.set("spec.minimumAge", "{default: 26}")))
        .containsExactly("spec.minimumAge.default");
    assertThat(paths(CONSENT.set("spec.appliesTo.dataCategories", "[biometric, Biometric]")))
        .containsExactly("spec.appliesTo.dataCategories[1]");
    assertThat(
            paths(
                TABLE_POLICY.set(
                    "spec.rules[0].sensitive",
                    "{consentPolicyRef: {name: mt},"
                        + " columns: [face, id number], withoutConsent: {eraseAfter: 2h}}")))
        .containsExactly("spec.rules[0].sensitive.columns[1]");
  }

  @Test
  void enumSuggestsTheValueThatDiffersOnlyInCaseOrPunctuation() {
    Violation v =
        Validators.validate(TABLE_POLICY.set("spec.rules[0].legalBasis", "legitimate-interest"))
            .violations()
            .get(0);
    assertThat(v.message()).contains("LegitimateInterest");
    assertThat(v.fix()).isEqualTo("did you mean LegitimateInterest?");
  }

  @Test
  void patternsUseUnicodeClassesAsTheApiServerDoes() {
    assertThat(
            paths(
                OBJECT_POLICY.set(
                    "spec.safety", "{legalHold: {objectTagKey: 'Rechtliche Sperre-ä'}}")))
        .isEmpty();
    assertThat(paths(OBJECT_POLICY.set("spec.safety", "{legalHold: {objectTagKey: 'hold!'}}")))
        .containsExactly("spec.safety.legalHold.objectTagKey");
  }

  @Test
  void wrongTypeIsReportedAndRulesAboveItAreNotEvaluated() {
    ResourceValidator.Result result =
        Validators.validate(OBJECT_STORE.set("spec.objectStorage", "[a, b]"));
    assertThat(result.violations())
        .extracting(Violation::kind)
        .containsExactly(Violation.Kind.WRONG_TYPE, Violation.Kind.NOT_CHECKED);
    assertThat(result.violations().get(0).message())
        .isEqualTo("must be an object (a mapping), not an array (a list)");
    assertThat(result.hasErrors()).isTrue();
  }

  @Test
  void yamlBooleanWhereAStringBelongsSaysToQuoteIt() {
    Violation v =
        Validators.validate(OBJECT_STORE.set("spec.jurisdiction", "NO")).violations().get(0);
    assertThat(v.path().text()).isEqualTo("spec.jurisdiction");
    assertThat(v.message()).isEqualTo("must be a string, not a boolean");
    assertThat(v.fix()).startsWith("quote the value");
  }

  @Test
  void ruleThatCannotBeEvaluatedBecauseOfABadFieldIsNotReportedTwice() {
    // retention 2h30m breaks the pattern; the withConsent rule then cannot parse it. One error, at
    // the field.
    List<Violation> violations =
        Validators.validate(
                OBJECT_POLICY
                    .set("spec.rules[0].retention", "2h30m")
                    .set(
                        "spec.rules[0].withConsent",
                        "{consentPolicyRef: {name: mt}, retention: 30d}"))
            .violations();
    assertThat(violations)
        .extracting(v -> v.path().text())
        .containsExactly("spec.rules[0].retention");
  }

  @Test
  void metadataNeedsAValidName() {
    assertThat(paths(OBJECT_STORE.remove("metadata.name"))).containsExactly("metadata.name");
    assertThat(paths(OBJECT_STORE.set("metadata.name", "Media_Store")))
        .containsExactly("metadata.name");
    assertThat(paths(OBJECT_STORE.set("metadata.namespace", "e.kyc")))
        .containsExactly("metadata.namespace");
    assertThat(paths(OBJECT_STORE.set("metadata.labels", "{app: 1}")))
        .containsExactly("metadata.labels[app]");
  }

  @Test
  void statusIsDroppedAsOnCreate() {
    ResourceValidator.Result result =
        Validators.validate(OBJECT_POLICY.set("status", "{ruleCount: nonsense}"));
    assertThat(result.violations()).isEmpty();
    assertThat(result.defaulted().has("status")).isFalse();
  }

  private static List<String> paths(TestManifest manifest) {
    return Validators.validate(manifest).violations().stream().map(v -> v.path().text()).toList();
  }
}
