package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.reconcile.settings.ProbeSchedule;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A backend that goes down while the operator watches it, and comes back, with no change to any
 * resource: Ready turns False with Unreachable at the next probe, and True again once the server
 * answers. MariaDB is reached through a relay the test stops and restarts, so the shared server
 * itself keeps running.
 */
class BackendOutageIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * Re-probe healthy stores every 2s (production: 5 min) so the outage is noticed within the test.
   */
  private static final ProbeSchedule QUICK =
      new ProbeSchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "outage");
    operator = InProcessOperator.start(client, QUICK, namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    TestNamespace.delete(client, namespace);
  }

  @Test
  void aBackendThatStopsIsUnreachableAndRecoversWhenItIsBack() throws Exception {
    int mariadb = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    try (TcpRelay relay = TcpRelay.to(mariadb)) {
      client
          .resource(
              StoreFixtures.secret(
                  namespace,
                  "db",
                  Map.of(
                      "username", Backends.require("EKYC_IT_MARIADB_USER"),
                      "password", Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
          .create();
      client
          .resource(
              StoreFixtures.mariadbAt(
                  namespace,
                  "db",
                  "db",
                  "127.0.0.1",
                  relay.port(),
                  Backends.require("EKYC_IT_MARIADB_DATABASE")))
          .create();
      awaitReady("True");

      relay.stop();
      DataStore down = awaitReady("False");
      var ready = Conditions.find(down.getStatus().conditions, "Ready").orElseThrow();
      assertThat(ready.getReason()).isEqualTo("Unreachable");
      assertThat(ready.getMessage()).contains(String.valueOf(relay.port()));
      assertThat(down.getMetadata().getGeneration())
          .as("nothing in the spec changed")
          .isEqualTo(1L);

      relay.start();
      DataStore up = awaitReady("True");
      assertThat(up.getStatus().backendVersion).contains("MariaDB");
    }
  }

  private static DataStore awaitReady(String status) {
    return Eventually.await(
        "DataStore db Ready=" + status,
        TIMEOUT,
        () -> client.resources(DataStore.class).inNamespace(namespace).withName("db").get(),
        d ->
            d.getStatus() != null
                && Conditions.find(d.getStatus().conditions, "Ready")
                    .map(c -> status.equals(c.getStatus()))
                    .orElse(false));
  }
}
