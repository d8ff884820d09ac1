package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ILM request sequence against scripted answers: what ElasticsearchIlmIT cannot easily force
 * (the order of writes, a refused request). Everything else is proven against the real
 * Elasticsearch there.
 */
class ElasticsearchIlmTest {
  private static final String ID = Lifecycles.POLICY_ID;
  private static final String POLICY = "/_ilm/policy/" + ID;
  private static final String TEMPLATE = "/_template/" + ID + "?flat_settings=true";
  private static final String INDICES =
      "/oplog-*/_settings/index.lifecycle.name,index.uuid?flat_settings=true";
  private static final Duration DELETE_AFTER = Duration.ofDays(731);

  private static String storedPolicy(String minAge) {
    return "{'"
        + ID
        + "':{'version':2,'modified_date':'2026-01-01T00:00:00.000Z','policy':{'phases':{'delete':"
        + "{'min_age':'"
        + minAge
        + "','actions':{'delete':{}}}}}}}";
  }

  private static final String STORED_TEMPLATE =
      "{'"
          + ID
          + "':{'order':"
          + LegacyTemplateBody.ORDER
          + ",'index_patterns':['oplog-*'],'settings':{'index.lifecycle.name':'"
          + ID
          + "'},'mappings':{},'aliases':{}}}";

  private static ScriptedTransport cluster(String storedMinAge) {
    return new ScriptedTransport()
        .answer("GET " + POLICY, 200, storedPolicy(storedMinAge))
        .answer("GET " + POLICY, 200, storedPolicy("731d"))
        .answer("GET " + TEMPLATE, 200, STORED_TEMPLATE)
        .answer("GET /_alias/legal-hold", 200, "{'oplog-held':{'aliases':{'legal-hold':{}}}}")
        .answer(
            "GET " + INDICES,
            200,
            "{'oplog-1':{'settings':{'index.uuid':'a'}},"
                + "'oplog-held':{'settings':{'index.uuid':'b','index.lifecycle.name':'"
                + ID
                + "'}}}")
        .answer(
            "GET " + INDICES,
            200,
            "{'oplog-1':{'settings':{'index.uuid':'a','index.lifecycle.name':'"
                + ID
                + "'}},'oplog-held':{'settings':{'index.uuid':'b'}}}")
        .answer("POST /oplog-held/_ilm/remove", 200, "{'has_failures':false,'failed_indexes':[]}")
        .answer("PUT " + POLICY, 200, "{'acknowledged':true}")
        .answer("PUT /oplog-1/_settings", 200, "{'acknowledged':true}");
  }

  @Test
  void detachesHeldIndicesBeforeItShortensThePolicy() throws Exception {
    ScriptedTransport cluster = cluster("1000d");

    LifecycleApplyResult result =
        new ElasticsearchIlm(cluster).apply(Lifecycles.elasticsearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.writes())
        .containsExactly("POST /oplog-held/_ilm/remove", "PUT " + POLICY, "PUT /oplog-1/_settings");
    assertThat(
            new ObjectMapper()
                .readTree(cluster.last("PUT /oplog-1/_settings").body())
                .path("index.lifecycle.name")
                .asText())
        .isEqualTo(ID);
    assertThat(result.policy()).isEqualTo(Change.UPDATED);
    assertThat(result.template()).isEqualTo(Change.UNCHANGED);
  }

  @Test
  void aDryRunOnlyReads() {
    ScriptedTransport cluster = cluster("1000d");

    LifecycleApplyResult result =
        new ElasticsearchIlm(cluster).dryRun(Lifecycles.elasticsearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
    assertThat(result.policy()).isEqualTo(Change.UPDATED);
    assertThat(result.attached()).containsExactly("oplog-1");
    assertThat(result.detachedForLegalHold()).containsExactly("oplog-held");
  }

  @Test
  void aRefusedWriteNamesTheRequestTheStatusAndWhatToDo() {
    ScriptedTransport cluster =
        cluster("1000d")
            .override(
                "POST /oplog-held/_ilm/remove",
                403,
                "{'error':{'root_cause':[],'type':'security_exception',"
                    + "'reason':'action [indices:admin/ilm/remove_policy] is unauthorized for user [ekyc]'},'status':403}");

    assertThatThrownBy(
            () ->
                new ElasticsearchIlm(cluster)
                    .apply(Lifecycles.elasticsearch(DELETE_AFTER, "legal-hold")))
        .isInstanceOf(SearchRequestException.class)
        .hasMessageStartingWith(
            "POST /oplog-held/_ilm/remove answered HTTP 403: security_exception: action")
        .hasMessageContaining("grant it the cluster privileges manage_ilm");
    assertThat(cluster.writes()).doesNotContain("PUT " + POLICY);
  }

  @Test
  void aPolicyForOpenSearchIsRefused() {
    ScriptedTransport cluster = new ScriptedTransport();
    assertThatThrownBy(
            () -> new ElasticsearchIlm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OpenSearch");
    assertThat(cluster.requests()).isEmpty();
  }
}
