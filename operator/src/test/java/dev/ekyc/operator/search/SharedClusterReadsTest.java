package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * What the shared view answers from a listing and when it asks the cluster itself. The cluster is
 * scripted (its answers as Elasticsearch 6.8 gives them); SharedClusterReadsIT runs the same
 * against the real one.
 */
class SharedClusterReadsTest {
  private static final String PREFIX = "ekyc_ns_logs_";

  @Test
  void singlePolicyAndOwnedTemplateReadsAreAnsweredFromOneListingEach() {
    ScriptedTransport cluster =
        new ScriptedTransport()
            .answer(
                "GET /_ilm/policy", 200, "{'" + PREFIX + "a':{'version':1},'other':{'version':7}}")
            .answer(
                "GET /_template/" + PREFIX + "*?flat_settings=true",
                200,
                "{'" + PREFIX + "a':{'order':0}}");
    SharedClusterReads shared = new SharedClusterReads(cluster, PREFIX);

    assertThat(shared.send(SearchRequest.get("/_ilm/policy/" + PREFIX + "a")))
        .isEqualTo(new SearchResponse(200, "{\"" + PREFIX + "a\":{\"version\":1}}"));
    assertThat(shared.send(SearchRequest.get("/_ilm/policy/" + PREFIX + "b")).status())
        .isEqualTo(404);
    assertThat(shared.send(SearchRequest.get("/_template/" + PREFIX + "a?flat_settings=true")))
        .isEqualTo(new SearchResponse(200, "{\"" + PREFIX + "a\":{\"order\":0}}"));
    assertThat(
            shared
                .send(SearchRequest.get("/_template/" + PREFIX + "b?flat_settings=true"))
                .status())
        .isEqualTo(404);
    assertThat(shared.send(SearchRequest.get("/_ilm/policy")).body()).contains("other");
    assertThat(cluster.requests())
        .extracting(SearchRequest::describe)
        .containsExactly("GET /_ilm/policy", "GET /_template/" + PREFIX + "*?flat_settings=true");
    assertThat(shared.sent()).isEqualTo(2);
  }

  @Test
  void otherReadsAreSentOnceAndAFailedListingFallsBackToTheSingleRead() {
    ScriptedTransport cluster =
        new ScriptedTransport()
            .answer("GET /_ilm/policy", 403, "{'error':'no manage_ilm on all policies'}")
            .answer("GET /_ilm/policy/" + PREFIX + "a", 200, "{'" + PREFIX + "a':{'version':2}}")
            .answer("GET /_alias/hold", 404, "{'error':'alias [hold] missing'}");
    SharedClusterReads shared = new SharedClusterReads(cluster, PREFIX);

    assertThat(shared.send(SearchRequest.get("/_ilm/policy/" + PREFIX + "a")).body())
        .contains("\"version\":2");
    shared.send(SearchRequest.get("/_alias/hold"));
    shared.send(SearchRequest.get("/_alias/hold"));
    assertThat(shared.send(SearchRequest.get("/_template/foreign?flat_settings=true")).status())
        .as("a template outside the store's prefix is read on its own")
        .isEqualTo(404);
    assertThat(cluster.requests())
        .extracting(SearchRequest::describe)
        .containsExactly(
            "GET /_ilm/policy",
            "GET /_ilm/policy/" + PREFIX + "a",
            "GET /_alias/hold",
            "GET /_template/foreign?flat_settings=true");
  }

  @Test
  void neverWrites() {
    ScriptedTransport cluster = new ScriptedTransport();
    SharedClusterReads shared = new SharedClusterReads(cluster, PREFIX);
    assertThatThrownBy(() -> shared.send(SearchRequest.put("/_ilm/policy/" + PREFIX + "a", "{}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never write");
    assertThat(cluster.requests()).isEmpty();
  }
}
