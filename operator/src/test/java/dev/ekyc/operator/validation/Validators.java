package dev.ekyc.operator.validation;

import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import java.util.Map;

/**
 * Validators for the three kinds, from the CRDs the build generated, plus valid base manifests to
 * vary.
 */
final class Validators {
  private static final Map<String, String> PLURALS =
      Map.of(
          "DataStore",
          "datastores",
          "RetentionPolicy",
          "retentionpolicies",
          "ConsentPolicy",
          "consentpolicies");

  private Validators() {}

  static ResourceValidator.Result validate(TestManifest manifest) {
    String plural = PLURALS.get(manifest.kind());
    return new ResourceValidator(
            CrdSchemas.openApiSchema(plural, ApiConstants.GROUP, ApiConstants.VERSION)
                .orElseThrow())
        .validate(manifest.node());
  }

  static final TestManifest OBJECT_STORE =
      TestManifest.of(
          """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: media, namespace: ekyc}
      spec:
        jurisdiction: SG
        objectStorage:
          endpoint: https://s3.eu-west-1.amazonaws.com
          region: eu-west-1
          bucket: media
          credentialsSecretRef: {name: s3-credentials}
      """);

  static final TestManifest SEARCH_STORE =
      TestManifest.of(
          """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: logs, namespace: ekyc}
      spec:
        jurisdiction: SG
        search:
          engine: OpenSearch
          endpoint: https://search.internal:9200
          credentialsSecretRef: {name: search-credentials}
      """);

  static final TestManifest SQL_STORE =
      TestManifest.of(
          """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: db, namespace: ekyc}
      spec:
        jurisdiction: TH
        sql:
          engine: MariaDB
          host: db.internal
          database: ekyc
          credentialsSecretRef: {name: db-credentials}
      """);

  static final TestManifest OBJECT_POLICY =
      TestManifest.of(
          """
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: media, namespace: ekyc}
      spec:
        storeRef: {name: media}
        rules:
        - name: liveness
          dataCategory: biometric
          objects: {prefix: liveness/}
          retention: 2h
      """);

  static final TestManifest TABLE_POLICY =
      TestManifest.of(
          """
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: identification, namespace: ekyc}
      spec:
        storeRef: {name: db}
        rules:
        - name: identification
          dataCategory: identification
          table: {name: identification_records, timestampColumn: created_at, key: id}
          retention: 30d
      """);

  static final TestManifest CONSENT =
      TestManifest.of(
          """
      apiVersion: ekyc.dev/v1alpha1
      kind: ConsentPolicy
      metadata: {name: model-training, namespace: ekyc}
      spec:
        purpose: model-training
        appliesTo: {dataCategories: [identification, biometric]}
        erasureAfterWithdrawal: 72h
        recordedAs:
          objectTag: {key: consent-model-training, value: granted}
      """);
}
