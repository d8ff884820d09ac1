package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.IndexDeletion;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator with a search store on a cluster "without ILM" ({@code indexDeletion: Sweep}),
 * against the real kube-apiserver and Elasticsearch 6.8: it keeps a sweep CronJob for the policy
 * and writes no ILM policy; switched back to {@code Lifecycle}, the CronJob goes and ILM takes over
 * the existing index. No kubelet in this tier.
 */
class IndexSweepOperatorIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String CRON_JOB = "ekyc-sweep-oplogs";
  private static final String RUN =
      ("it-isop-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
          .toLowerCase(Locale.ROOT);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static SearchHttp es;

  @BeforeAll
  static void start() {
    URI url = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(url.toString());
    es.createIndex(RUN + "-logs-1", null);
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "isop");
    var options =
        OperatorAssembly.Options.defaults()
            .watching(Set.of(namespace))
            .withSettings(
                new ReconcileSettings(
                    false,
                    InProcessOperator.FAST_RETRY,
                    Clock.systemUTC(),
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(10)))
            .withJobPods(
                JobPodSettings.fromJson(
                    """
            {"image": "ekyc-operator:it", "serviceAccountName": "ekyc-operator-job"}"""));
    operator = InProcessOperator.start(options, client, new SimpleMeterRegistry());
    DataStore store =
        StoreFixtures.search(namespace, "logs", SearchEngine.Elasticsearch, url.toString(), null);
    store.getSpec().search.indexDeletion = IndexDeletion.Sweep;
    client.resource(store).create();
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: oplogs, namespace: %s}
        spec:
          storeRef: {name: logs}
          rules:
            - name: oplogs
              dataCategory: operation-log
              indices: {pattern: "%s-logs-*"}
              retention: 30d
        """
            .formatted(namespace, RUN);
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).serverSideApply();
  }

  @AfterAll
  static void stop() {
    String ilm = es == null ? null : es.lifecycleName(RUN + "-logs-1");
    if (client != null && namespace != null) {
      client.resources(RetentionPolicy.class).inNamespace(namespace).withName("oplogs").delete();
    }
    if (operator != null) operator.close();
    if (es != null) {
      es.delete("/" + RUN + "-*");
      if (ilm != null) {
        es.delete("/_template/" + ilm);
        es.delete("/_ilm/policy/" + ilm);
      }
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void aSweptStoreGetsASweepCronJobAndNoIlmAndLosesTheJobWhenIlmTakesOver() {
    CronJob cronJob =
        Eventually.await(
            "the sweep CronJob, not suspended once the store is Ready",
            TIMEOUT,
            () -> client.batch().v1().cronjobs().inNamespace(namespace).withName(CRON_JOB).get(),
            c -> c != null && Boolean.FALSE.equals(c.getSpec().getSuspend()));
    assertThat(args(cronJob))
        .containsSubsequence("sweep", "--namespace", namespace, "--policy", "oplogs");
    RetentionPolicy ready =
        Eventually.await(
            "policy Ready",
            TIMEOUT,
            this::policy,
            p ->
                p != null
                    && p.getStatus() != null
                    && Conditions.find(p.getStatus().conditions, Conditions.READY)
                        .filter(c -> "True".equals(c.getStatus()))
                        .isPresent());
    assertThat(ready.getStatus().rules)
        .singleElement()
        .satisfies(r -> assertThat(r.mechanisms).containsExactly("IndexSweeper (primary)"));
    assertThat(es.lifecycleName(RUN + "-logs-1")).as("no ILM attached on a swept store").isNull();

    DataStore store =
        client.resources(DataStore.class).inNamespace(namespace).withName("logs").get();
    store.getSpec().search.indexDeletion = IndexDeletion.Lifecycle;
    client.resource(store).update();
    Eventually.await(
        "the CronJob removed once ILM deletes the indices",
        TIMEOUT,
        () ->
            client.batch().v1().cronjobs().inNamespace(namespace).withName(CRON_JOB).get() == null,
        gone -> gone);
    Eventually.await(
        "ILM attached to the existing index",
        TIMEOUT,
        () -> es.lifecycleName(RUN + "-logs-1"),
        name -> name.startsWith("ekyc-operator-"));
  }

  private RetentionPolicy policy() {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName("oplogs").get();
  }

  private static List<String> args(CronJob cronJob) {
    return cronJob
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getArgs();
  }
}
