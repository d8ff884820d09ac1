package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several policies of one search store share the store's reads within a drift interval; that
 * sharing never hides an out-of-band edit of one of them for longer than two drift intervals (a
 * shared read is at most nine tenths of an interval old when a check uses it), and a deleted
 * policy's ILM policy is still removed. Real operator, API server and Elasticsearch 6.8.
 */
class SharedSearchDriftIT {
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);
  private static final Duration REPAIR_BOUND = DRIFT_INTERVAL.multipliedBy(2).plusSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> POLICIES = List.of("a", "b", "c");

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static SearchHttp es;
  private static URI esUrl;
  private static String run;

  @BeforeAll
  static void start() {
    esUrl = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(esUrl.toString());
    run =
        ("it-shdrift-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "shared-drift");
    operator =
        InProcessOperator.start(
            client,
            new ReconcileSettings(
                false,
                InProcessOperator.FAST_RETRY,
                Clock.systemUTC(),
                DRIFT_INTERVAL,
                Duration.ofSeconds(30)),
            new SimpleMeterRegistry(),
            namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (es != null) {
      es.delete("/" + run + "-*");
      for (String name : POLICIES) {
        es.send("DELETE", "/_template/" + id(name), null);
        es.send("DELETE", "/_ilm/policy/" + id(name), null);
      }
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  private static String id(String policy) {
    return "ekyc-operator-" + namespace + "_logs_" + policy + "_oplog";
  }

  @Test
  void anEditOfOnePolicyOfASharedStoreIsRepairedAndADeletedPolicyIsRemoved() {
    client
        .resource(
            StoreFixtures.search(
                namespace, "logs", SearchEngine.Elasticsearch, esUrl.toString(), null))
        .create();
    for (String name : POLICIES) {
      es.createIndex(run + "-" + name + "-2026.01.01", null);
      client.resource(Serialization.unmarshal(policyYaml(name), RetentionPolicy.class)).create();
    }
    Eventually.await(
        "all three policies in sync",
        TIMEOUT,
        SharedSearchDriftIT::inSync,
        n -> n == POLICIES.size());

    es.put(
        "/_ilm/policy/" + id("b"),
        "{'policy':{'phases':{'delete':{'min_age':'1d','actions':{'delete':{}}}}}}");
    Eventually.await(
        "policy b's min_age repaired within " + REPAIR_BOUND.toSeconds() + " s",
        REPAIR_BOUND,
        () -> minAge(id("b")),
        "731d"::equals);

    client.resources(RetentionPolicy.class).inNamespace(namespace).withName("c").delete();
    Eventually.await(
        "policy c's ILM policy removed",
        TIMEOUT,
        () -> es.status("/_ilm/policy/" + id("c")),
        status -> status == 404);
    Eventually.await("a and b still in sync", TIMEOUT, SharedSearchDriftIT::inSync, n -> n == 2);
    org.assertj.core.api.Assertions.assertThat(minAge(id("a"))).isEqualTo("731d");
  }

  private static long inSync() {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).list().getItems().stream()
        .filter(
            p ->
                p.getStatus() != null
                    && p.getStatus().rules != null
                    && !p.getStatus().rules.isEmpty()
                    && p.getStatus().rules.stream()
                        .allMatch(
                            r ->
                                r.applied != null
                                    && !r.applied.isEmpty()
                                    && r.applied.stream().allMatch(a -> "InSync".equals(a.state))))
        .count();
  }

  private static String minAge(String id) {
    return es.get("/_ilm/policy/" + id)
        .path(id)
        .path("policy")
        .path("phases")
        .path("delete")
        .path("min_age")
        .asText();
  }

  private static String policyYaml(String name) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: %s, namespace: %s}
        spec:
          storeRef: {name: logs}
          safety:
            legalHold:
              indexAlias: %s-hold
          rules:
          - name: oplog
            dataCategory: operation-log
            purpose: analysing faults
            legalBasis: Contract
            indices:
              pattern: "%s-%s-*"
              writeWindow: 1d
            retention: 730d
        """
        .formatted(name, namespace, run, run, name);
  }
}
