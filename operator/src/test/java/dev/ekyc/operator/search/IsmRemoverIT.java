package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.it.Backends;
import dev.ekyc.operator.it.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link IsmRemover} against the real OpenSearch 2.19 with the ISM plugin, with pages of two so
 * that a few policies and indices walk several pages of both of the plugin's listings.
 */
class IsmRemoverIT {
  private static final String ISM = "/_plugins/_ism";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SearchTransport transport;
  private String run;
  private String prefix;

  @BeforeEach
  void connect() {
    var url = Backends.requireReachableUrl("EKYC_IT_OS_URL");
    transport =
        new HttpSearchTransport(
            url.toString(),
            new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    assertThat(send("GET", "/_cat/plugins?h=component", null).body())
        .as(
            "OpenSearch at %s must run the ISM plugin: testenv/provision.sh opensearch, then restart it",
            url)
        .contains("opensearch-index-management");
    run =
        ("it-ismrm-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    prefix = Ownership.PREFIX + run + "_store_";
  }

  @AfterEach
  void cleanUp() {
    if (run == null) return;
    send("DELETE", "/" + run + "-*", null);
    for (String name :
        List.of(
            prefix + "a_one",
            prefix + "a_two",
            prefix + "b_one",
            Ownership.PREFIX + run + "_other_a_one",
            run + "-foreign")) {
      send("DELETE", ISM + "/policies/" + name, null);
    }
  }

  @Test
  void removesThePolicyFromEveryIndexRunningItThenDeletesItAndTouchesNothingElse() {
    for (String name :
        List.of(
            prefix + "a_one",
            prefix + "a_two",
            prefix + "b_one",
            Ownership.PREFIX + run + "_other_a_one",
            run + "-foreign")) {
      ok(
          send(
              "PUT",
              ISM + "/policies/" + name,
              "{\"policy\":{\"description\":\"test\",\"default_state\":\"keep\","
                  + "\"states\":[{\"name\":\"keep\",\"actions\":[],\"transitions\":[]}]}}"));
    }
    List<String> ours = List.of(run + "-1", run + "-2", run + "-3");
    for (String index : ours) {
      attach(index, prefix + "a_one");
    }
    attach(run + "-foreign", run + "-foreign");
    attach(run + "-sibling", prefix + "a_two");
    JsonNode foreignBefore =
        ok(send("GET", ISM + "/policies/" + run + "-foreign", null)).path("policy");

    IsmRemover remover = new IsmRemover(transport, 2);
    assertThat(remover.ownedPolicies(prefix))
        .containsExactly(prefix + "a_one", prefix + "a_two", prefix + "b_one");
    assertThat(remover.ownedPolicies(prefix + "a_"))
        .containsExactly(prefix + "a_one", prefix + "a_two");

    assertThat(remover.remove(prefix + "a_one")).containsExactlyElementsOf(ours);
    assertThat(send("GET", ISM + "/policies/" + prefix + "a_one", null).status()).isEqualTo(404);
    for (String index : ours) {
      Eventually.await(
          index + " runs no policy",
          Duration.ofSeconds(10),
          () -> String.valueOf(policyOf(index)),
          "null"::equals);
    }
    assertThat(policyOf(run + "-foreign")).isEqualTo(run + "-foreign");
    assertThat(policyOf(run + "-sibling")).isEqualTo(prefix + "a_two");
    assertThat(ok(send("GET", ISM + "/policies/" + run + "-foreign", null)).path("policy"))
        .isEqualTo(foreignBefore);
    assertThat(remover.ownedPolicies(prefix)).containsExactly(prefix + "a_two", prefix + "b_one");
    // Removing it again finds nothing and succeeds: a retried cleanup is harmless.
    assertThat(remover.remove(prefix + "a_one")).isEmpty();

    assertThatThrownBy(() -> remover.remove(run + "-foreign"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the operator's");
    assertThat(send("GET", ISM + "/policies/" + run + "-foreign", null).status()).isEqualTo(200);
  }

  private void attach(String index, String policy) {
    ok(
        send(
            "PUT",
            "/" + index,
            "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}"));
    JsonNode added = ok(send("POST", ISM + "/add/" + index, "{\"policy_id\":\"" + policy + "\"}"));
    assertThat(added.path("failures").asBoolean())
        .as("add %s to %s: %s", policy, index, added)
        .isFalse();
    Eventually.await(
        index + " listed as running " + policy,
        Duration.ofSeconds(10),
        () -> String.valueOf(policyOf(index)),
        policy::equals);
  }

  private String policyOf(String index) {
    JsonNode id =
        ok(send("GET", ISM + "/explain/" + index, null))
            .path(index)
            .get("index.plugins.index_state_management.policy_id");
    return id == null || id.isNull() ? null : id.asText();
  }

  private SearchResponse send(String method, String path, String body) {
    return transport.send(new SearchRequest(method, path, body));
  }

  private static JsonNode ok(SearchResponse response) {
    assertThat(response.ok()).as("HTTP %s: %s", response.status(), response.body()).isTrue();
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
