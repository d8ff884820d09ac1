package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds core inputs from YAML text, the way users write them; namespace defaults to ekyc. */
final class Fixtures {
  private Fixtures() {}

  static PolicyInputs inputs(String yaml) {
    List<DataStore> stores = new ArrayList<>();
    List<RetentionPolicy> policies = new ArrayList<>();
    List<ConsentPolicy> consents = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.isBlank()) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> raw = Serialization.unmarshal(doc, Map.class);
      String kind = String.valueOf(raw.get("kind"));
      switch (kind) {
        case "DataStore" ->
            stores.add(withNamespace(Serialization.unmarshal(doc, DataStore.class)));
        case "RetentionPolicy" ->
            policies.add(withNamespace(Serialization.unmarshal(doc, RetentionPolicy.class)));
        case "ConsentPolicy" ->
            consents.add(withNamespace(Serialization.unmarshal(doc, ConsentPolicy.class)));
        default -> throw new IllegalArgumentException("unexpected kind " + kind);
      }
    }
    return new PolicyInputs(stores, policies, consents);
  }

  static EnforcementPlan compile(String yaml) {
    return new PolicyCompiler().compile(inputs(yaml));
  }

  static RulePlan rule(EnforcementPlan plan, String policy, String rule) {
    return plan
        .policy(new ResourceRef(kindOf(policy), "ekyc", policy))
        .orElseThrow(
            () ->
                new AssertionError(
                    "no plan for policy " + policy + "; problems: " + plan.problems()))
        .rules()
        .stream()
        .filter(r -> r.name().equals(rule))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no rule " + rule + " in " + policy + "; problems: " + plan.problems()));
  }

  private static String kindOf(String policy) {
    return "RetentionPolicy";
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T withNamespace(T r) {
    if (r.getMetadata().getNamespace() == null) {
      r.getMetadata().setNamespace("ekyc");
    }
    return r;
  }

  static final String MEDIA_STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: verification-media}
      spec:
        jurisdiction: SG
        objectStorage:
          endpoint: https://cos.ap-singapore.myqcloud.com
          region: ap-singapore
          bucket: ekyc-verification-media
          credentialsSecretRef: {name: cos-credentials}
      """;

  static final String SEARCH_STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: operation-logs}
      spec:
        jurisdiction: SG
        search:
          engine: Elasticsearch
          endpoint: https://es.internal:9200
          credentialsSecretRef: {name: es-credentials}
      """;

  static final String OPENSEARCH_STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: operation-logs-os}
      spec:
        jurisdiction: SG
        search:
          engine: OpenSearch
          endpoint: https://os.internal:9200
      """;

  static final String SQL_STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: service-db}
      spec:
        jurisdiction: SG
        sql:
          engine: MySQL
          host: mysql.internal
          database: ekyc
          credentialsSecretRef: {name: mysql-credentials}
      """;

  static final String CONSENT =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: ConsentPolicy
      metadata: {name: model-training}
      spec:
        purpose: model-training
        requires: ExplicitConsent
        appliesTo: {dataCategories: [identification, biometric]}
        minimumAge:
          default: 18
          byJurisdiction: {TH: 20}
        parentalConsentBelowMinimumAge: true
        erasureAfterWithdrawal: 72h
        recordedAs:
          objectTag: {key: consent-model-training, value: granted}
          sqlColumns:
            granted: consent_model_training
            withdrawnAt: consent_withdrawn_at
            birthDate: date_of_birth
            jurisdiction: country
            parentalConsent: parental_consent
          documentField: consent.model_training
      """;

  static String join(String... docs) {
    return String.join("\n---\n", docs);
  }
}
