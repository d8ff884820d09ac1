package dev.ekyc.operator.search;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.Mechanism;
import java.time.Duration;

/** IndexLifecycles as the policy core compiles them, for the unit tests. */
final class Lifecycles {
  static final String POLICY_ID = "ekyc-operator-ekyc_operation-logs_operation-logs_operation-logs";

  private Lifecycles() {}

  static IndexLifecycle elasticsearch(Duration deleteAfter, String holdAlias) {
    return new IndexLifecycle(
        SearchEngine.Elasticsearch,
        POLICY_ID,
        "oplog-*",
        deleteAfter,
        Duration.ofDays(1),
        holdAlias,
        Mechanism.Role.PRIMARY);
  }

  static IndexLifecycle openSearch(Duration deleteAfter, String holdAlias) {
    return new IndexLifecycle(
        SearchEngine.OpenSearch,
        POLICY_ID,
        "oplog-*",
        deleteAfter,
        Duration.ofDays(1),
        holdAlias,
        Mechanism.Role.PRIMARY);
  }
}
