package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.search.ElasticsearchDataStreamLifecycle;
import dev.ekyc.operator.search.HttpSearchTransport;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A data stream rule on the real Elasticsearch 6.8, which has no data stream lifecycle: the adapter
 * says so from {@code GET /}, and the running operator reports the mechanism NotApplied with that
 * reason and Compliant=False instead of sending a request the cluster does not know. (Applying it
 * is tested over HTTP against a stub in DataStreamLifecycleOnStubServerTest: no Elasticsearch 8.11
 * or later can run here.)
 */
class DataStreamLifecycleIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static URI esUrl;

  @BeforeAll
  static void start() {
    esUrl = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "enforce-dsl");
    operator =
        InProcessOperator.start(
            client,
            new ReconcileSettings(
                false,
                InProcessOperator.FAST_RETRY,
                Clock.systemUTC(),
                Duration.ofSeconds(3),
                Duration.ofSeconds(10)),
            new SimpleMeterRegistry(),
            namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void theAdapterReadsTheVersionAndFindsNoDataStreamLifecycle() {
    var adapter =
        new ElasticsearchDataStreamLifecycle(
            new HttpSearchTransport(
                esUrl.toString(),
                new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
    assertThat(adapter.unsupportedReason())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .contains("Elasticsearch 6.8", "no data stream lifecycle", "8.11"));
  }

  @Test
  void theOperatorReportsADataStreamRuleAsNotAppliedOnAClusterWithoutIt() {
    client
        .resource(
            StoreFixtures.search(
                namespace, "events", SearchEngine.Elasticsearch, esUrl.toString(), null))
        .create();
    client
        .load(
            new ByteArrayInputStream(
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: events
          namespace: %s
        spec:
          storeRef:
            name: events
          mode: Enforce
          rules:
          - name: audit-events
            dataCategory: operation-log
            purpose: analysing faults
            legalBasis: Contract
            dataStream:
              name: logs-ekyc-events
            retention: 30d
        """
                    .formatted(namespace)
                    .getBytes(StandardCharsets.UTF_8)))
        .createOrReplace();

    RetentionPolicy checked =
        Eventually.await(
            "data stream rule checked",
            TIMEOUT,
            () ->
                client
                    .resources(RetentionPolicy.class)
                    .inNamespace(namespace)
                    .withName("events")
                    .get(),
            p -> applied(p).findAny().isPresent());
    AppliedMechanism dsl = applied(checked).findFirst().orElseThrow();
    assertThat(dsl.mechanism).isEqualTo("DataStreamLifecycle");
    assertThat(dsl.ownedName).isEqualTo("logs-ekyc-events");
    assertThat(dsl.state).isEqualTo("NotApplied");
    assertThat(dsl.difference)
        .contains("Elasticsearch 6.8", "no data stream lifecycle", "indices.pattern");
    Condition compliant =
        Conditions.find(checked.getStatus().conditions, Conditions.COMPLIANT).orElseThrow();
    assertThat(compliant.getStatus()).isEqualTo("False");
    assertThat(compliant.getMessage()).contains("no data stream lifecycle");
  }

  private static Stream<AppliedMechanism> applied(RetentionPolicy p) {
    return p == null || p.getStatus() == null || p.getStatus().rules == null
        ? Stream.empty()
        : p.getStatus().rules.stream()
            .flatMap(r -> r.applied == null ? Stream.empty() : r.applied.stream());
  }
}
