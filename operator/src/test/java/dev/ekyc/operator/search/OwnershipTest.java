package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ownership marker the adapters rely on is the one the policy core gives. */
class OwnershipTest {
  private static final String STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: operation-logs, namespace: ekyc}
      spec:
        jurisdiction: SG
        search: {engine: Elasticsearch, endpoint: "https://es.internal:9200"}
      """;
  private static final String POLICY =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: operation-logs, namespace: ekyc}
      spec:
        storeRef: {name: operation-logs}
        safety: {legalHold: {indexAlias: legal-hold}}
        rules:
        - name: operation-logs
          dataCategory: operation-log
          purpose: keeping the service running
          legalBasis: Contract
          indices: {pattern: "oplog-*", writeWindow: 1d}
          retention: 730d
      """;

  private static IndexLifecycle compiled() {
    EnforcementPlan plan =
        new PolicyCompiler()
            .compile(
                new PolicyInputs(
                    List.of(Serialization.unmarshal(STORE, DataStore.class)),
                    List.of(Serialization.unmarshal(POLICY, RetentionPolicy.class)),
                    List.<ConsentPolicy>of()));
    assertThat(plan.problems()).isEmpty();
    return plan.stores().stream()
        .flatMap(s -> s.policies().stream())
        .flatMap(p -> p.rules().stream())
        .flatMap(r -> r.mechanisms().stream())
        .filter(IndexLifecycle.class::isInstance)
        .map(IndexLifecycle.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theCoreGivesPolicyIdsTheOwnershipPrefix() {
    IndexLifecycle lifecycle = compiled();
    assertThat(lifecycle.policyId()).startsWith(Ownership.PREFIX);
    assertThat(Ownership.owns(lifecycle.policyId())).isTrue();
  }

  @Test
  void aCompiledRuleRendersDeleteAfterTheRetentionPlusTheWriteWindow() {
    IndexLifecycle lifecycle = compiled();
    JsonNode body = IlmPolicyBody.of(lifecycle);
    assertThat(body.path("policy").path("phases").path("delete").path("min_age").asText())
        .isEqualTo("731d");
    assertThat(lifecycle.legalHoldAlias()).isEqualTo("legal-hold");
  }

  @Test
  void namesWithoutThePrefixAreNotOurs() {
    assertThat(Ownership.owns("logs-delete-30d")).isFalse();
    assertThat(Ownership.owns(Ownership.PREFIX)).isFalse();
    assertThat(Ownership.owns(null)).isFalse();
  }

  @Test
  void theAdaptersRefuseAForeignPolicyBeforeSendingAnything() {
    ScriptedTransport transport = new ScriptedTransport();
    var foreign =
        new IndexLifecycle(
            SearchEngine.Elasticsearch,
            "logs-delete-30d",
            "logs-*",
            Duration.ofDays(30),
            Duration.ofDays(1),
            null,
            Mechanism.Role.PRIMARY);
    assertThatThrownBy(() -> new ElasticsearchIlm(transport).apply(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logs-delete-30d");
    var foreignIsm =
        new IndexLifecycle(
            SearchEngine.OpenSearch,
            "logs-delete-30d",
            "logs-*",
            Duration.ofDays(30),
            Duration.ofDays(1),
            null,
            Mechanism.Role.PRIMARY);
    assertThatThrownBy(() -> new OpenSearchIsm(transport).apply(foreignIsm))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Ownership.PREFIX);
    assertThat(transport.requests()).isEmpty();
  }
}
