package dev.ekyc.operator.policy;

import static dev.ekyc.operator.policy.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two rules over the same data are refused, never resolved by picking one. */
class ConflictDetectorTest {

  private static String policy(String name, String store, String rule) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: %s}
        spec:
          storeRef: {name: %s}
          rules:
          - %s
        """
        .formatted(name, store, rule);
  }

  private static boolean enforceable(EnforcementPlan plan, String policy) {
    return plan.policy(new ResourceRef("RetentionPolicy", "ekyc", policy))
        .orElseThrow()
        .enforceable();
  }

  @Test
  void nestedPrefixesAcrossPoliciesAreRefusedOnBothSides() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                policy(
                    "short",
                    "verification-media",
                    "{name: all-training, dataCategory: biometric, objects: {prefix: training/}, retention: 2h}"),
                policy(
                    "long",
                    "verification-media",
                    "{name: faces, dataCategory: biometric, objects: {prefix: training/faces/}, retention: 30d}")));
    assertThat(enforceable(plan, "short")).isFalse();
    assertThat(enforceable(plan, "long")).isFalse();
    assertThat(plan.problems())
        .filteredOn(Problem::isError)
        .hasSize(2)
        .allMatch(p -> p.message().contains("prefixes") && p.message().contains("refuses both"))
        .extracting(Problem::field)
        .containsOnly("spec.rules[0]");
  }

  @Test
  void twoDataStoresForTheSameBucketStillConflict() {
    String twin = MEDIA_STORE.replace("name: verification-media", "name: media-twin");
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                twin,
                policy(
                    "a",
                    "verification-media",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 2h}"),
                policy(
                    "b",
                    "media-twin",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 2h}")));
    assertThat(enforceable(plan, "a")).isFalse();
    assertThat(enforceable(plan, "b")).isFalse();
  }

  @Test
  void theSameEndpointSpelledDifferentlyIsStillTheSameBucket() {
    String twin =
        MEDIA_STORE
            .replace("name: verification-media", "name: media-twin")
            .replace(
                "https://cos.ap-singapore.myqcloud.com",
                "HTTPS://COS.ap-singapore.myqcloud.com:443/");
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                twin,
                policy(
                    "a",
                    "verification-media",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 2h}"),
                policy(
                    "b",
                    "media-twin",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 30d}")));
    assertThat(enforceable(plan, "a")).isFalse();
    assertThat(enforceable(plan, "b")).isFalse();
  }

  @Test
  void httpAndHttpsToOneHostAreOneServer() {
    String twin =
        MEDIA_STORE
            .replace("name: verification-media", "name: media-twin")
            .replace(
                "https://cos.ap-singapore.myqcloud.com",
                "http://cos.ap-singapore.myqcloud.com:8080");
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                twin,
                policy(
                    "a",
                    "verification-media",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 2h}"),
                policy(
                    "b",
                    "media-twin",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 30d}")));
    assertThat(enforceable(plan, "a")).isFalse();
  }

  @Test
  void dataStreamsWhoseBackingIndicesOverlapAreRefused() {
    EnforcementPlan plan =
        compile(
            join(
                OPENSEARCH_STORE,
                policy(
                    "a",
                    "operation-logs-os",
                    "{name: x, dataCategory: operation-log, dataStream: {name: logs}, retention: 1d}"),
                policy(
                    "b",
                    "operation-logs-os",
                    "{name: y, dataCategory: operation-log, dataStream: {name: logs-app}, retention: 730d}")));
    assertThat(enforceable(plan, "a")).isFalse();
    assertThat(enforceable(plan, "b")).isFalse();
  }

  @Test
  void anIndexPatternCoveringADataStreamIsRefused() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                policy(
                    "a",
                    "operation-logs",
                    "{name: x, dataCategory: operation-log, indices: {pattern: \"logs*\"}, retention: 1d}"),
                policy(
                    "b",
                    "operation-logs",
                    "{name: y, dataCategory: operation-log, dataStream: {name: logs}, retention: 730d}")));
    assertThat(enforceable(plan, "a")).isFalse();
    assertThat(enforceable(plan, "b")).isFalse();
    assertThat(plan.problems())
        .filteredOn(Problem::isError)
        .hasSize(2)
        .allMatch(
            p ->
                p.message().contains("index patterns logs* and logs can match the same indices")
                    || p.message()
                        .contains("index patterns logs and logs* can match the same indices"));
  }

  @Test
  void tagFiltersThatCanMatchOneObjectStillConflict() {
    // Same tag and value, or tags on different keys (an object can carry both): one object can
    // match both rules.
    for (String tagsB : new String[] {"{kind: a}", "{source: upload}"}) {
      EnforcementPlan plan =
          compile(
              join(
                  MEDIA_STORE,
                  policy(
                      "a",
                      "verification-media",
                      "{name: z, dataCategory: biometric, objects: {prefix: z/, tags: {kind: a}}, retention: 2h}"),
                  policy(
                      "b",
                      "verification-media",
                      "{name: z, dataCategory: biometric, objects: {prefix: z/, tags: "
                          + tagsB
                          + "}, retention: 30d}")));
      assertThat(enforceable(plan, "a")).as(tagsB).isFalse();
      assertThat(enforceable(plan, "b")).as(tagsB).isFalse();
      assertThat(plan.problems())
          .filteredOn(Problem::isError)
          .hasSize(2)
          .allMatch(p -> p.message().contains("both select prefix z/"));
    }
  }

  @Test
  void policiesInTwoNamespacesOnOneBucketConflict() {
    String otherStore =
        MEDIA_STORE.replace(
            "metadata: {name: verification-media}",
            "metadata: {name: verification-media, namespace: other}");
    String otherPolicy =
        policy(
                "b",
                "verification-media",
                "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 30d}")
            .replace("metadata: {name: b}", "metadata: {name: b, namespace: other}");
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                otherStore,
                policy(
                    "a",
                    "verification-media",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 2h}"),
                otherPolicy));
    assertThat(enforceable(plan, "a")).isFalse();
    assertThat(plan.problems()).anyMatch(p -> p.message().contains("RetentionPolicy other/b"));
  }

  @Test
  void backendIdsAreUniqueWhenNamesShareHyphens() {
    EnforcementPlan plan =
        compile(
            join(
                SEARCH_STORE,
                policy(
                    "a",
                    "operation-logs",
                    "{name: b-c, dataCategory: operation-log, indices: {pattern: \"x-*\"}, retention: 1d}"),
                policy(
                    "a-b",
                    "operation-logs",
                    "{name: c, dataCategory: operation-log, indices: {pattern: \"y-*\"}, retention: 730d}")));
    String first = ((IndexLifecycle) rule(plan, "a", "b-c").mechanisms().get(0)).policyId();
    String second = ((IndexLifecycle) rule(plan, "a-b", "c").mechanisms().get(0)).policyId();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void disjointPrefixesAndDisjointTagsAreFine() {
    EnforcementPlan plan =
        compile(
            join(
                MEDIA_STORE,
                policy(
                    "a",
                    "verification-media",
                    "{name: x, dataCategory: biometric, objects: {prefix: x/}, retention: 2h}"),
                policy(
                    "b",
                    "verification-media",
                    "{name: y, dataCategory: biometric, objects: {prefix: xy/}, retention: 2h}"),
                policy(
                    "c",
                    "verification-media",
                    "{name: z, dataCategory: biometric, objects: {prefix: z/, tags: {kind: a}}, retention: 2h}"),
                policy(
                    "d",
                    "verification-media",
                    "{name: z, dataCategory: biometric, objects: {prefix: z/, tags: {kind: b}}, retention: 30d}")));
    assertThat(plan.problems()).filteredOn(Problem::isError).isEmpty();
  }

  @Test
  void disjointIndexPatternsAndTwoTablesAreFine() {
    EnforcementPlan search =
        compile(
            join(
                SEARCH_STORE,
                policy(
                    "a",
                    "operation-logs",
                    "{name: x, dataCategory: operation-log, indices: {pattern: \"oplog-*\"}, retention: 1d}"),
                policy(
                    "b",
                    "operation-logs",
                    "{name: y, dataCategory: operation-log, indices: {pattern: \"audit-*\"}, retention: 730d}")));
    assertThat(search.problems()).filteredOn(Problem::isError).isEmpty();
    EnforcementPlan sql =
        compile(
            join(
                SQL_STORE,
                policy(
                    "a",
                    "service-db",
                    "{name: x, dataCategory: monitoring, table: {name: api_calls, timestampColumn: started_at, key: id}, retention: 30d}"),
                policy(
                    "b",
                    "service-db",
                    "{name: y, dataCategory: monitoring, table: {name: api_errors, timestampColumn: started_at, key: id}, retention: 730d}")));
    assertThat(sql.problems()).filteredOn(Problem::isError).isEmpty();
    assertThat(enforceable(sql, "a")).isTrue();
    assertThat(enforceable(sql, "b")).isTrue();
  }

  @Test
  void sameTableTwiceInOnePolicyIsRefused() {
    EnforcementPlan plan =
        compile(
            join(
                SQL_STORE,
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: dup}
        spec:
          storeRef: {name: service-db}
          rules:
          - {name: a, dataCategory: monitoring, table: {name: api_calls, timestampColumn: started_at, key: id}, retention: 730d}
          - {name: b, dataCategory: monitoring, table: {name: API_CALLS, timestampColumn: started_at, key: id}, retention: 30d}
        """));
    assertThat(enforceable(plan, "dup")).isFalse();
    assertThat(plan.problems())
        .filteredOn(Problem::isError)
        .extracting(Problem::field)
        .containsExactlyInAnyOrder("spec.rules[0]", "spec.rules[1]");
    assertThat(plan.problems())
        .filteredOn(Problem::isError)
        .allMatch(p -> p.message().contains("both select table api_calls"));
  }

  @ParameterizedTest
  @CsvSource({
    "oplog-*,oplog-2026*,true",
    "oplog-*,op*,true",
    "oplog-*,audit-*,false",
    "oplog-1,oplog-*,true",
    "oplog-1,oplog-2,false",
    "oplog,oplog,true",
    "oplog-*,oplo,false"
  })
  void indexPatternOverlap(String a, String b, boolean overlap) {
    assertThat(SelectedTarget.patternsOverlap(a, b)).isEqualTo(overlap);
    assertThat(SelectedTarget.patternsOverlap(b, a)).isEqualTo(overlap);
  }
}
