package dev.ekyc.operator.it;

import static dev.ekyc.operator.it.JobFixtures.jobArgs;
import static dev.ekyc.operator.it.JobFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.IndexDeletion;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An index sweep killed with SIGKILL while deleting, in a child JVM started as the kubelet starts
 * the job, then rerun: it ends with exactly the indices an uninterrupted sweep keeps (the held, the
 * write and the young one, named independently by the test), and nothing young is deleted at any
 * point. Elasticsearch 6.8 cannot backdate an index, so the rule is the shortest the API allows
 * (due 2 minutes after creation) and the test waits on the cluster's clock.
 */
class IndexSweepKillIT {
  private static final String RUN =
      ("it-iskill-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
          .toLowerCase(Locale.ROOT);
  private static final String HOLD = RUN + "-legal-hold";

  /**
   * Due indices; Elasticsearch deletes one in about 0.1 to 0.3 s, which leaves time to kill the run
   * half way.
   */
  private static final int DUE = 50;

  private static final Duration TIMEOUT = Duration.ofSeconds(240);

  private static KubernetesClient client;
  private static String namespace;
  private static SearchHttp es;

  @BeforeAll
  static void setUp() {
    URI url = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(url.toString());
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-iskill");
    DataStore store =
        StoreFixtures.search(namespace, "logs", SearchEngine.Elasticsearch, url.toString(), null);
    store.getSpec().search.indexDeletion = IndexDeletion.Sweep;
    JobFixtures.createReady(client, store);
    client
        .resource(
            Serialization.unmarshal(
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: oplogs, namespace: %s}
        spec:
          storeRef: {name: logs}
          safety: {legalHold: {indexAlias: %s}}
          rules:
          - name: oplogs
            dataCategory: operation-log
            indices: {pattern: "%s-*", writeWindow: 1m}
            retention: 1m
        """
                    .formatted(namespace, HOLD, RUN),
                RetentionPolicy.class))
        .create();
  }

  @AfterAll
  static void tearDown() {
    if (es != null) {
      es.delete("/" + RUN + "-*");
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void anIndexSweepKilledWhileDeletingAndRerunKeepsExactlyWhatAnUninterruptedSweepKeeps()
      throws Exception {
    for (int i = 0; i < DUE; i++) {
      es.createIndex(index(i), null);
    }
    es.createIndex(RUN + "-held", HOLD);
    es.put(
        "/" + RUN + "-current",
        "{'settings':{'number_of_shards':1,'number_of_replicas':0},"
            + "'aliases':{'"
            + RUN
            + "-write':{'is_write_index':true}}}");
    long newest = es.creationDate(RUN + "-current");
    Eventually.await(
        "the cluster's clock 2 minutes past the last old index",
        TIMEOUT,
        () -> IndexSweeperIT.clusterEpochSeconds(es),
        epoch -> epoch * 1000 > newest + 121_000);
    es.createIndex(RUN + "-young", null);
    List<String> mustStay = List.of(RUN + "-current", RUN + "-held", RUN + "-young");
    int total = DUE + mustStay.size();

    RunRecord killedRecord;
    try (ChildJob job =
        ChildJob.start(
            "sweep",
            Map.of(
                "POD_NAMESPACE",
                namespace,
                "EKYC_POLICY",
                "oplogs",
                "HOSTNAME",
                "oplogs-29000000-k9l2x"),
            "--lease-duration",
            "3s")) {
      Eventually.await(
          "the sweep to be deleting",
          TIMEOUT,
          () -> IndexSweeperIT.indices(es, RUN).size(),
          left -> left < total || !job.alive());
      assertThat(job.alive())
          .as("still running when killed (else raise DUE); log:\n" + job.log())
          .isTrue();
      int status = job.killDashNine();
      System.out.println(
          "[it] index sweep child killed with status " + status + "; its log:\n" + job.log());
      killedRecord = JobFixtures.record(client, namespace, "oplogs");
    }
    assertThat(killedRecord.outcome()).isEqualTo(RunOutcome.Running);
    List<String> afterKill = IndexSweeperIT.indices(es, RUN);
    assertThat(afterKill)
        .as("killed half way, nothing kept was deleted")
        .hasSizeGreaterThan(mustStay.size())
        .containsAll(mustStay);

    Eventually.await(
        "the dead run's Lease to expire",
        TIMEOUT,
        () ->
            client
                .resources(Lease.class)
                .inNamespace(namespace)
                .withName(RunNames.lease("oplogs"))
                .get(),
        lease -> lease.getSpec().getRenewTime().toInstant().plusSeconds(3).isBefore(Instant.now()));
    assertThat(run(jobArgs("sweep", namespace, "oplogs").toArray(String[]::new)).exitCode())
        .isZero();

    assertThat(IndexSweeperIT.indices(es, RUN))
        .as("killed and rerun = uninterrupted")
        .containsExactlyInAnyOrderElementsOf(mustStay);
    RunRecord rerun = JobFixtures.record(client, namespace, "oplogs");
    assertThat(rerun.outcome()).isEqualTo(RunOutcome.Succeeded);
    // A DELETE the killed JVM had already sent can complete after the listing above: one fewer left
    // to the rerun.
    long leftAfterKill = afterKill.size() - mustStay.size();
    assertThat(rerun.rules().get(0).deleted()).isBetween(leftAfterKill - 1, leftAfterKill);
  }

  private static String index(int i) {
    return String.format(Locale.ROOT, "%s-%03d", RUN, i);
  }
}
