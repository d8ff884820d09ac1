package dev.ekyc.operator.it;

import static dev.ekyc.operator.it.JobFixtures.jobArgs;
import static dev.ekyc.operator.it.JobFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.IndexDeletion;
import dev.ekyc.operator.api.v1alpha1.IndexSelector;
import dev.ekyc.operator.api.v1alpha1.LegalHoldSpec;
import dev.ekyc.operator.api.v1alpha1.LocalObjectReference;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicySpec;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.api.v1alpha1.SafetySpec;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sweep} on an Elasticsearch 6.8 store with {@code indexDeletion: Sweep}, run in process as
 * the container's entry point against the real kube-apiserver: the shortest rule the API allows
 * (retention 1m + writeWindow 1m, so indices are due 2 minutes after creation by the cluster's
 * clock), so the test waits, polling that clock, for its old indices to come of age. A cap of one
 * index per run leaves a backlog whose age reaches the record.
 */
class SearchSweepJobIT {
  private static final String RUN =
      ("it-ssj-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
          .toLowerCase(Locale.ROOT);
  private static final String HOLD = RUN + "-legal-hold";

  private static KubernetesClient client;
  private static String namespace;
  private static SearchHttp es;

  @BeforeAll
  static void setUp() {
    URI url = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(url.toString());
    // First, so that they come of age while the rest is set up.
    es.createIndex(RUN + "-oplog-1", null);
    es.createIndex(RUN + "-oplog-2", null);
    es.createIndex(RUN + "-oplog-held", HOLD);
    es.put(
        "/" + RUN + "-oplog-current",
        "{'settings':{'number_of_shards':1,'number_of_replicas':0},"
            + "'aliases':{'"
            + RUN
            + "-oplog':{'is_write_index':true}}}");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-ssj");
    DataStore store =
        StoreFixtures.search(
            namespace, "logs-no-ilm", SearchEngine.Elasticsearch, url.toString(), null);
    store.getSpec().search.indexDeletion = IndexDeletion.Sweep;
    JobFixtures.createReady(client, store);
    client.resource(policy()).create();
  }

  @AfterAll
  static void tearDown() {
    if (es != null) {
      es.delete("/" + RUN + "-*");
    }
    if (client != null && namespace != null) {
      TestNamespace.delete(client, namespace);
    }
  }

  private static RetentionPolicy policy() {
    RetentionPolicy policy = new RetentionPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName("oplogs").withNamespace(namespace).build());
    policy.setSpec(new RetentionPolicySpec());
    policy.getSpec().storeRef = new LocalObjectReference("logs-no-ilm");
    policy.getSpec().safety = new SafetySpec();
    policy.getSpec().safety.maxDeletionsPerRun = 1L;
    policy.getSpec().safety.legalHold = new LegalHoldSpec();
    policy.getSpec().safety.legalHold.indexAlias = HOLD;
    RetentionRule rule = new RetentionRule();
    rule.name = "oplogs";
    rule.dataCategory = "operation-log";
    rule.indices = new IndexSelector();
    rule.indices.pattern = RUN + "-oplog-*";
    rule.indices.writeWindow = "1m";
    rule.retention = "1m";
    policy.getSpec().rules = List.of(rule);
    return policy;
  }

  @Test
  void sweepDeletesDueIndicesOnePerRunReportsTheBacklogsAgeAndKeepsWriteHeldAndYoungOnes() {
    var early = run(jobArgs("sweep", namespace, "oplogs", "--dry-run").toArray(String[]::new));
    assertThat(early.exitCode()).isZero();
    RuleResult young = rule(JobFixtures.record(client, namespace, "oplogs"));
    assertThat(young.deleted()).isZero();
    assertThat(young.tooYoung()).as("nothing is 2 minutes old yet").isEqualTo(4L);

    long newest = es.creationDate(RUN + "-oplog-current");
    Eventually.await(
        "the cluster's clock 2 minutes past the old indices' creation",
        Duration.ofMinutes(4),
        () -> IndexSweeperIT.clusterEpochSeconds(es),
        epoch -> epoch * 1000 > newest + 121_000);
    es.createIndex(RUN + "-oplog-young", null);

    var first = run(jobArgs("sweep", namespace, "oplogs").toArray(String[]::new));
    assertThat(first.exitCode()).isZero();
    RunRecord record = JobFixtures.record(client, namespace, "oplogs");
    assertThat(record.outcome()).isEqualTo(RunOutcome.Succeeded);
    RuleResult capped = rule(record);
    assertThat(capped.deleted()).isEqualTo(1L);
    assertThat(capped.keptForLegalHold()).isEqualTo(1L);
    assertThat(capped.tooYoung()).isEqualTo(1L);
    assertThat(capped.capReached()).isTrue();
    assertThat(capped.backlog()).isTrue();
    long secondAge =
        Duration.between(
                Instant.ofEpochMilli(es.creationDate(RUN + "-oplog-2")),
                Instant.parse(capped.serverTime()))
            .toSeconds();
    assertThat(capped.oldestDueAgeSeconds())
        .as("the age of the index the cap kept, by the cluster's clock")
        .isBetween(secondAge - 1, secondAge + 1)
        .isGreaterThanOrEqualTo(120L);
    assertThat(Instant.parse(capped.deleteCutoff()))
        .isEqualTo(Instant.parse(capped.serverTime()).minus(Duration.ofMinutes(2)));
    assertThat(IndexSweeperIT.indices(es, RUN))
        .doesNotContain(RUN + "-oplog-1")
        .contains(RUN + "-oplog-2");

    var second = run(jobArgs("sweep", namespace, "oplogs").toArray(String[]::new));
    assertThat(second.exitCode()).isZero();
    RuleResult finished = rule(JobFixtures.record(client, namespace, "oplogs"));
    assertThat(finished.deleted()).isEqualTo(1L);
    assertThat(finished.backlog()).isFalse();
    assertThat(finished.oldestDueAgeSeconds()).isZero();
    assertThat(IndexSweeperIT.indices(es, RUN))
        .containsExactlyInAnyOrder(
            RUN + "-oplog-held", RUN + "-oplog-current", RUN + "-oplog-young");
  }

  private static RuleResult rule(RunRecord record) {
    return record.rules().stream()
        .filter(r -> r.rule().equals("oplogs"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for rule oplogs in " + record));
  }
}
