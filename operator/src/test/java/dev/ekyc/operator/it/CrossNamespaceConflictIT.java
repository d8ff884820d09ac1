package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two teams, two namespaces, one database table: the operator must refuse both policies, exactly as
 * `plan` does over the same files, because whichever it enforced would delete the other's data
 * early or keep it late.
 */
class CrossNamespaceConflictIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String teamA;
  private static String teamB;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    client = TestCluster.get().client();
    teamA = TestNamespace.create(client, "team-a");
    teamB = TestNamespace.create(client, "team-b");
    operator = InProcessOperator.start(client, teamA, teamB);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    TestNamespace.delete(client, teamA);
    TestNamespace.delete(client, teamB);
  }

  @Test
  void policiesOnOneTableFromTwoNamespacesAreBothRefusedUntilOneGoes() {
    storeAndPolicy(teamA, "30d");
    awaitReason(teamA, "Planned");

    storeAndPolicy(teamB, "730d");
    RetentionPolicy b = awaitReason(teamB, "InvalidPolicy");
    assertThat(message(b)).contains(teamA + "/calls", "api_calls");
    // Nothing in team A changed, yet its policy must be re-planned and refused too.
    RetentionPolicy a = awaitReason(teamA, "InvalidPolicy");
    assertThat(message(a)).contains(teamB + "/calls");

    client.resources(RetentionPolicy.class).inNamespace(teamB).withName("calls").delete();
    awaitReason(teamA, "Planned");
  }

  private static void storeAndPolicy(String namespace, String retention) {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
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
            StoreFixtures.mariadb(
                namespace, "db", "db", port, Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();
    RetentionPolicy policy =
        Serialization.unmarshal(
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: calls}
        spec:
          storeRef: {name: db}
          rules:
          - name: monitoring
            dataCategory: monitoring
            table: {name: api_calls, timestampColumn: started_at, key: id}
            retention: %s
        """
                .formatted(retention),
            RetentionPolicy.class);
    policy.getMetadata().setNamespace(namespace);
    client.resource(policy).create();
  }

  private static RetentionPolicy awaitReason(String namespace, String reason) {
    return Eventually.await(
        "RetentionPolicy " + namespace + "/calls Ready reason " + reason,
        TIMEOUT,
        () ->
            client.resources(RetentionPolicy.class).inNamespace(namespace).withName("calls").get(),
        p ->
            p.getStatus() != null
                && Conditions.find(p.getStatus().conditions, "Ready")
                    .map(c -> reason.equals(c.getReason()))
                    .orElse(false));
  }

  private static String message(RetentionPolicy policy) {
    return Conditions.find(policy.getStatus().conditions, "Ready").orElseThrow().getMessage();
  }
}
