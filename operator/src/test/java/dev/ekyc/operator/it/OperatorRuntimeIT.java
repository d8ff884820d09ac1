package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.wiring.LeaseSettings;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import dev.ekyc.operator.reconcile.wiring.OperatorRuntime;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What `run` starts: the operator with leader election, /healthz, /readyz and /metrics, and
 * --dry-run. No backend needed: the store points at a closed port.
 */
class OperatorRuntimeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static KubernetesClient client;
  private static String namespace;
  private static OperatorRuntime runtime;

  @BeforeAll
  static void start() throws IOException {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "runtime");
    var options =
        OperatorAssembly.Options.defaults()
            .watching(Set.of(namespace))
            .withSettings(
                new ReconcileSettings(true, InProcessOperator.FAST_RETRY, Clock.systemUTC()))
            .withLeaderElection(
                new LeaseSettings(
                    "ekyc-it-leader", Optional.of(namespace), Optional.of("it-replica-1")));
    long started = System.nanoTime();
    runtime =
        OperatorRuntime.start(
            client,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            options,
            new InetSocketAddress("127.0.0.1", 0));
    System.out.printf(
        "[it] operator runtime (leader election on) started in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
  }

  @AfterAll
  static void stop() {
    if (runtime != null) runtime.close();
    TestNamespace.delete(client, namespace);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.healthPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAndReadinessAnswer() throws Exception {
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(runtime.isReady()).isTrue();
  }

  @Test
  void theLeaseIsHeldByThisReplica() {
    Lease lease =
        Eventually.await(
            "Lease ekyc-it-leader held",
            TIMEOUT,
            () -> client.leases().inNamespace(namespace).withName("ekyc-it-leader").get(),
            l -> l.getSpec() != null && "it-replica-1".equals(l.getSpec().getHolderIdentity()));
    assertThat(lease.getSpec().getLeaseDurationSeconds()).isPositive();
  }

  @Test
  void metricsShowProbesAndReconciliationsWithoutResourceNames() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    client
        .resource(
            StoreFixtures.secret(namespace, "metrics-db", Map.of("username", "u", "password", "p")))
        .create();
    var store =
        StoreFixtures.mariadbAt(namespace, "metrics-db", "metrics-db", "127.0.0.1", closed, "ekyc");
    client.resource(store).create();

    // Other tests in this class share the operator and may already have recorded a successful
    // probe,
    // so wait for this store's outcome rather than for the first probe of any store.
    String metrics =
        Eventually.await(
            "an Unreachable SQL probe in /metrics",
            TIMEOUT,
            () -> {
              try {
                return get("/metrics").body();
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            body ->
                body.contains(
                    "ekyc_datastore_probe_seconds_count{outcome=\"Unreachable\",type=\"SQL\"}"));
    assertThat(metrics).contains("operator_sdk_");
    // Only the contract gauges of docs/metrics.md name resources (namespace, store, policy); the
    // probe timer and
    // JOSDK's metrics never do.
    assertThat(
            metrics
                .lines()
                .filter(l -> !l.startsWith("ekyc_store_ready") && !l.startsWith("ekyc_policy_")))
        .noneMatch(l -> l.contains("metrics-db"));
    String storeReady =
        Eventually.await(
            "ekyc_store_ready 0 for the unreachable store",
            TIMEOUT,
            () -> {
              try {
                return get("/metrics").body();
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            body ->
                body.contains(
                    "ekyc_store_ready{namespace=\""
                        + namespace
                        + "\",store=\"metrics-db\",type=\"SQL\"} 0.0"));
    assertThat(storeReady).doesNotContain("password");
  }

  @Test
  void dryRunForcesAuditWhateverThePolicySays() {
    Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    int port = Integer.parseInt(Backends.require("EKYC_IT_MARIADB_PORT"));
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "dry-db",
                Map.of(
                    "username", Backends.require("EKYC_IT_MARIADB_USER"),
                    "password", Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
        .create();
    client
        .resource(
            StoreFixtures.mariadb(
                namespace, "dry-db", "dry-db", port, Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();
    RetentionPolicy policy =
        Serialization.unmarshal(
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: dry}
        spec:
          storeRef: {name: dry-db}
          mode: Enforce
          rules:
          - name: monitoring
            dataCategory: monitoring
            table: {name: t_dry, timestampColumn: started_at, key: id}
            retention: 730d
        """,
            RetentionPolicy.class);
    policy.getMetadata().setNamespace(namespace);
    client.resource(policy).create();

    RetentionPolicy planned =
        Eventually.await(
            "policy dry planned",
            TIMEOUT,
            () ->
                client
                    .resources(RetentionPolicy.class)
                    .inNamespace(namespace)
                    .withName("dry")
                    .get(),
            p -> p.getStatus() != null && Conditions.isTrue(p.getStatus().conditions, "Ready"));
    assertThat(Conditions.find(planned.getStatus().conditions, "Ready").orElseThrow().getMessage())
        .contains("mode Audit", "--dry-run");
  }
}
