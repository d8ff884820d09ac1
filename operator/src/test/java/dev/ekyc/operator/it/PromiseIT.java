package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A promise the schedule cannot keep, against the real API server and operator: the policy is
 * refused with the fix and shows its promise but no worst case; the schedule the fix names,
 * applied, makes it Planned with the worst case within the promise.
 */
class PromiseIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "promises");
    operator = InProcessOperator.start(client, namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    TestNamespace.delete(client, namespace);
  }

  private static RetentionPolicy awaitReason(String name, String reason) {
    return Eventually.await(
        "RetentionPolicy " + name + " Ready reason " + reason,
        TIMEOUT,
        () -> client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get(),
        r ->
            r.getStatus() != null
                && Conditions.find(r.getStatus().conditions, "Ready")
                    .map(c -> reason.equals(c.getReason()))
                    .orElse(false));
  }

  @Test
  void aBrokenPromiseIsRefusedWithAFixThatWorks() {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "promise-db",
                Map.of(
                    "username", Backends.require("EKYC_IT_MARIADB_USER"),
                    "password", Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
        .create();
    client
        .resource(
            StoreFixtures.mariadb(
                namespace,
                "promise-db",
                "promise-db",
                port,
                Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();
    RetentionPolicy policy =
        Serialization.unmarshal(
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records}
        spec:
          storeRef: {name: promise-db}
          schedule: "0 * * * *"
          rules:
          - name: calls
            dataCategory: monitoring
            table: {name: t_promise_calls, timestampColumn: created_at, key: id}
            retention: 30d
            deleteWithin: 43230m
        """,
            RetentionPolicy.class);
    policy.getMetadata().setNamespace(namespace);
    client.resource(policy).create();

    RetentionPolicy refused = awaitReason("records", "InvalidPolicy");
    String message =
        Conditions.find(refused.getStatus().conditions, "Ready").orElseThrow().getMessage();
    assertThat(message)
        .contains(
            "spec.rules[0].deleteWithin",
            "worst case 30d1h breaks the promise 30d30m",
            "set retention at most 43170m (29d23h30m), or deleteWithin at least 721h (30d1h), or schedule"
                + " '*/30 * * * *'");
    assertThat(refused.getStatus().worstCaseAge).as("no worst case for a refused policy").isNull();
    assertThat(refused.getStatus().deleteWithin).isEqualTo("30d30m");

    Matcher schedule = Pattern.compile("schedule '([^']+)'").matcher(message);
    assertThat(schedule.find()).isTrue();
    client
        .resources(RetentionPolicy.class)
        .inNamespace(namespace)
        .withName("records")
        .edit(
            p -> {
              p.getSpec().schedule = schedule.group(1);
              return p;
            });

    RetentionPolicy planned = awaitReason("records", "Planned");
    assertThat(planned.getStatus().worstCaseAge).isEqualTo("30d30m");
    assertThat(planned.getStatus().deleteWithin).isEqualTo("30d30m");
    assertThat(planned.getStatus().rules)
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.worstCaseAge).isEqualTo("30d30m");
              assertThat(rule.deleteWithin).isEqualTo("30d30m");
            });
  }
}
