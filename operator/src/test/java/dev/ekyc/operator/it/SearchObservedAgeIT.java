package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.ResidualCopy;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.OldestIndexReader;
import dev.ekyc.operator.search.OpenSearchIsm;
import dev.ekyc.operator.search.Ownership;
import dev.ekyc.operator.search.SnapshotResidual;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the real clusters hold for ILM/ISM rules, read by {@link OldestIndexReader}: the oldest
 * index the pattern matches (a held one left out) with the lifecycle's own reason when it is stuck
 * (an ILM step in ERROR on Elasticsearch 6.8, "not attached" and a missing policy on both), and, on
 * OpenSearch 2.19 with ISM, a data stream whose ISM policy rolls it over so its old backing index
 * is deleted while the stream keeps taking writes. Indices cannot be backdated (both servers refuse
 * index.creation_date at creation), so "overdue" is tested with a bound of one second rather than
 * days. Names are unique per run.
 */
class SearchObservedAgeIT {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static String run;
  private static SearchHttp es;
  private static SearchHttp os;
  private static String esUrl;
  private static String osUrl;
  private static final List<String> osPolicies = new ArrayList<>();

  @BeforeAll
  static void connect() {
    esUrl = Backends.requireReachableUrl("EKYC_IT_ES_URL").toString();
    osUrl = Backends.requireReachableUrl("EKYC_IT_OS_URL").toString();
    es = new SearchHttp(esUrl);
    os = new SearchHttp(osUrl);
    run =
        ("it-obs-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
  }

  @AfterAll
  static void cleanUp() {
    if (run == null) {
      return;
    }
    es.delete("/" + run + "-*");
    es.delete("/_ilm/policy/" + run + "-rollover");
    os.delete("/_data_stream/" + run + "-ds");
    os.delete("/_index_template/" + run + "-ds");
    os.delete("/" + run + "-*");
    osPolicies.forEach(p -> os.delete("/_plugins/_ism/policies/" + p));
  }

  private static HttpSearchTransport transport(String url) {
    return new HttpSearchTransport(
        url, new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()));
  }

  private static IndexLifecycle lifecycle(
      SearchEngine engine, String policy, String pattern, String hold) {
    return new IndexLifecycle(
        engine,
        policy,
        pattern,
        Duration.ofDays(31),
        Duration.ofDays(1),
        hold,
        Mechanism.Role.PRIMARY);
  }

  @Test
  void elasticsearchIlmErrorStepAndMissingPolicyAreTheReasonsOfAnOverdueIndex() {
    // A rollover action without index.lifecycle.rollover_alias: ILM (polling every second in
    // testenv) stops in ERROR.
    es.put(
        "/_ilm/policy/" + run + "-rollover",
        "{'policy':{'phases':{'hot':{'actions':{'rollover':" + "{'max_age':'1d'}}}}}}");
    String held = run + "-stuck-000000";
    es.put(
        "/" + held,
        "{'settings':{'number_of_shards':1,'number_of_replicas':0},'aliases':{'"
            + run
            + "-hold':{}}}");
    String stuck = run + "-stuck-000001";
    es.put(
        "/" + stuck,
        "{'settings':{'number_of_shards':1,'number_of_replicas':0,'index.lifecycle.name':'"
            + run
            + "-rollover'}}");
    OldestIndexReader reader = new OldestIndexReader(transport(esUrl), SearchEngine.Elasticsearch);
    IndexLifecycle rule =
        lifecycle(SearchEngine.Elasticsearch, run + "-rollover", run + "-stuck-*", run + "-hold");

    ObservedAge observed =
        Eventually.await(
            "ILM ERROR on " + stuck,
            Duration.ofSeconds(60),
            () -> reader.observe(rule, SECOND),
            o -> o.overdue() && o.reason() != null && o.reason().contains("ERROR"));
    assertThat(observed.where()).isEqualTo(stuck); // the older one is held
    assertThat(observed.reason())
        .startsWith("ILM step ERROR: ")
        .contains("rollover_alias")
        .contains("(failed step check-rollover-ready)");
    assertThat(observed.describe()).contains("oldest index in " + stuck).contains("past 1s");
    // Independently: the cluster's own explain says ERROR for that index.
    assertThat(
            es.get("/" + stuck + "/_ilm/explain").path("indices").path(stuck).path("step").asText())
        .isEqualTo("ERROR");

    String orphan = run + "-orphan-000001";
    es.put(
        "/" + orphan,
        "{'settings':{'number_of_shards':1,'number_of_replicas':0,'index.lifecycle.name':'"
            + run
            + "-gone'}}");
    // Before ILM's first poll of the index the reader asks for the policy; after it, ILM's own
    // step_info says so.
    assertThat(
            reader
                .observe(
                    lifecycle(SearchEngine.Elasticsearch, run + "-gone", run + "-orphan-*", null),
                    SECOND)
                .reason())
        .containsAnyOf(
            "ILM policy " + run + "-gone does not exist",
            "ILM: policy [" + run + "-gone] does not exist");
    String plain = run + "-plain-000001";
    es.createIndex(plain, null);
    assertThat(
            reader
                .observe(
                    lifecycle(SearchEngine.Elasticsearch, run + "-x", run + "-plain-*", null),
                    SECOND)
                .reason())
        .isEqualTo("not attached: no ILM policy manages it");
    assertThat(
            reader
                .observe(
                    lifecycle(SearchEngine.Elasticsearch, run + "-x", run + "-none-*", null),
                    SECOND)
                .ageSeconds())
        .isNull();
    // testenv's Elasticsearch has no snapshot repository: no such copy.
    assertThat(SnapshotResidual.read(transport(esUrl), SearchEngine.Elasticsearch).state())
        .isEqualTo(ResidualCopy.State.ABSENT);
  }

  @Test
  void openSearchIndexWithoutIsmIsNotAttached() {
    String plain = run + "-plain-000001";
    os.createIndex(plain, null);
    OldestIndexReader reader = new OldestIndexReader(transport(osUrl), SearchEngine.OpenSearch);
    ObservedAge observed =
        Eventually.await(
            "age of " + plain,
            Duration.ofSeconds(10),
            () ->
                reader.observe(
                    lifecycle(SearchEngine.OpenSearch, run + "-x", run + "-plain-*", null), SECOND),
            ObservedAge::overdue);
    assertThat(observed.where()).isEqualTo(plain);
    assertThat(observed.reason()).isEqualTo("not attached: no ISM policy manages it");
    assertThat(SnapshotResidual.read(transport(osUrl), SearchEngine.OpenSearch).state())
        .isEqualTo(ResidualCopy.State.ABSENT);
  }

  /**
   * Composable templates on OpenSearch 2.19 (as on Elasticsearch ≥ 7.8): the detector names the one
   * a new index gets, checked independently with the cluster's own {@code _simulate_index}.
   */
  @Test
  void theComposableTemplateANewIndexGetsIsTheOneTheClusterApplies() {
    os.put(
        "/_index_template/" + run + "-ct-low",
        "{'index_patterns':['"
            + run
            + "-ct-*'],'priority':10,"
            + "'template':{'settings':{'index.refresh_interval':'11s'}}}");
    os.put(
        "/_index_template/" + run + "-ct-high",
        "{'index_patterns':['"
            + run
            + "-ct-app-*'],'priority':20,"
            + "'template':{'settings':{'index.refresh_interval':'22s'}}}");
    try {
      String index = run + "-ct-app-000001";
      var winner =
          dev.ekyc.operator.search.ComposableTemplates.winner(
              dev.ekyc.operator.search.ComposableTemplates.read(transport(osUrl)), index);
      assertThat(winner)
          .get()
          .extracting(dev.ekyc.operator.search.ComposableTemplates.Template::name)
          .isEqualTo(run + "-ct-high");
      JsonNode simulated = os.post("/_index_template/_simulate_index/" + index, null);
      assertThat(
              simulated
                  .path("template")
                  .path("settings")
                  .path("index")
                  .path("refresh_interval")
                  .asText())
          .isEqualTo("22s");
      // Elasticsearch 6.8 has no composable templates: none, never an error.
      assertThat(dev.ekyc.operator.search.ComposableTemplates.read(transport(esUrl))).isEmpty();
    } finally {
      os.delete("/_index_template/" + run + "-ct-low");
      os.delete("/_index_template/" + run + "-ct-high");
    }
  }

  /**
   * ISM runs every minute in testenv; rollover (write window 1 min) then deletion (1 min after the
   * rollover) take a few of its runs, so this test waits minutes, bounded at 9.
   */
  @Test
  void openSearchDataStreamIsRolledOverByIsmAndItsOldBackingIndexDeletedWhileWritesGoOn() {
    String stream = run + "-ds";
    String policy = Ownership.PREFIX + "it." + run + ".ds";
    osPolicies.add(policy);
    os.put(
        "/_index_template/" + stream,
        "{'index_patterns':['"
            + stream
            + "'],'data_stream':{},'priority':500,"
            + "'template':{'settings':{'number_of_shards':1,'number_of_replicas':0}}}");
    var rule =
        new IndexLifecycle(
            SearchEngine.OpenSearch,
            policy,
            ".ds-" + stream + "-*",
            Duration.ofMinutes(2),
            Duration.ofMinutes(1),
            null,
            Mechanism.Role.PRIMARY);
    OpenSearchIsm ism = new OpenSearchIsm(transport(osUrl));
    ism.apply(rule);
    // Read back unchanged: the rollover action and min_rollover_age are stored as written (no drift
    // loop).
    assertThat(ism.dryRun(rule).changesAnything()).isFalse();
    write(stream, 0);
    String first = backingIndices(stream).get(0);

    int[] written = {1};
    Eventually.await(
        "ISM rolls " + stream + " over and deletes " + first,
        Duration.ofMinutes(9),
        () -> {
          write(stream, written[0]++);
          return backingIndices(stream);
        },
        indices -> !indices.contains(first) && !indices.isEmpty());
    // The stream still takes writes and every document written since the first rollover is still
    // searchable.
    write(stream, written[0]);
    os.post("/" + stream + "/_refresh", null);
    assertThat(os.get("/" + stream + "/_count").path("count").asLong()).isPositive();
    assertThat(os.status("/" + first)).isEqualTo(404);
  }

  private static void write(String stream, int n) {
    var response =
        os.send(
            "POST",
            "/" + stream + "/_doc",
            "{\"@timestamp\":\"" + java.time.Instant.now() + "\",\"n\":" + n + "}");
    assertThat(response.statusCode()).as("write to %s: %s", stream, response.body()).isEqualTo(201);
  }

  private static List<String> backingIndices(String stream) {
    List<String> out = new ArrayList<>();
    for (JsonNode index :
        os.get("/_data_stream/" + stream).path("data_streams").path(0).path("indices")) {
      out.add(index.path("index_name").asText());
    }
    return out;
  }
}
