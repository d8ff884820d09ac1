package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The ISM request sequence against scripted answers shaped after those of OpenSearch 2.19 with the
 * index-management plugin (OpenSearchIsmIT runs the same adapter against that server).
 */
class OpenSearchIsmTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = Lifecycles.POLICY_ID;
  private static final String POLICY = "/_plugins/_ism/policies/" + ID;
  private static final String EXPLAIN = "/_plugins/_ism/explain/oplog-*";
  private static final String LIST = "/oplog-*/_settings/index.uuid";
  private static final String SOME_INDICES = "{'oplog-1':{'settings':{'index':{'uuid':'u1'}}}}";
  private static final String HOLD = "/_alias/legal-hold";
  private static final Duration DELETE_AFTER = Duration.ofDays(731);

  /** GET answer for the policy as the server stores it, with its server-added fields. */
  private static String storedPolicy(Duration deleteAfter, long seqNo, long primaryTerm) {
    ObjectNode policy =
        (ObjectNode) IsmPolicyBody.of(Lifecycles.openSearch(deleteAfter, null)).path("policy");
    policy
        .put("policy_id", ID)
        .put("last_updated_time", 1_700_000_000_000L)
        .put("schema_version", 21);
    policy.putNull("error_notification");
    ObjectNode answer =
        JSON.createObjectNode()
            .put("_id", ID)
            .put("_version", 4)
            .put("_seq_no", seqNo)
            .put("_primary_term", primaryTerm);
    answer.set("policy", policy);
    return answer.toString();
  }

  private static String explain(String... indexAndPolicy) {
    ObjectNode answer = JSON.createObjectNode();
    for (int i = 0; i < indexAndPolicy.length; i += 2) {
      ObjectNode index = answer.putObject(indexAndPolicy[i]);
      if (indexAndPolicy[i + 1] == null) {
        index.putNull("index.plugins.index_state_management.policy_id");
      } else {
        index.put("index.plugins.index_state_management.policy_id", indexAndPolicy[i + 1]);
        index.put("policy_id", indexAndPolicy[i + 1]);
      }
    }
    answer.put("total_managed_indices", 0);
    return answer.toString();
  }

  private static final String OK = "{'updated_indices':1,'failures':false,'failed_indices':[]}";

  private static ScriptedTransport clusterWithIndices() {
    return new ScriptedTransport()
        .answer("GET " + HOLD, 200, "{'oplog-held':{'aliases':{'legal-hold':{}}}}")
        .answer("GET " + LIST, 200, SOME_INDICES)
        .answer(
            "GET " + EXPLAIN,
            200,
            explain("oplog-1", null, "oplog-2", ID, "oplog-held", ID, "oplog-foreign", "team-b"))
        .answer(
            "GET " + EXPLAIN,
            200,
            explain("oplog-1", ID, "oplog-2", ID, "oplog-held", null, "oplog-foreign", "team-b"))
        .answer("POST /_plugins/_ism/remove/oplog-held", 200, OK)
        .answer("POST /_plugins/_ism/add/oplog-1", 200, OK)
        .answer("POST /_plugins/_ism/change_policy/oplog-2", 200, OK);
  }

  @Test
  void createsThePolicyWithoutConcurrencyParametersAndAttachesExplicitly() throws Exception {
    ScriptedTransport cluster =
        clusterWithIndices()
            .answer(
                "GET " + POLICY,
                404,
                "{'error':{'type':'status_exception','reason':'Policy not found'}}")
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 0, 1))
            .answer("PUT " + POLICY, 201, storedPolicy(DELETE_AFTER, 0, 1));

    LifecycleApplyResult result =
        new OpenSearchIsm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.writes())
        .containsExactly(
            "POST /_plugins/_ism/remove/oplog-held",
            "PUT " + POLICY,
            "POST /_plugins/_ism/add/oplog-1");
    JsonNode sent = JSON.readTree(cluster.last("PUT " + POLICY).body());
    assertThat(
            sent.path("policy")
                .path("states")
                .get(0)
                .path("transitions")
                .get(0)
                .path("conditions")
                .path("min_index_age")
                .asText())
        .isEqualTo("731d");
    assertThat(
            JSON.readTree(cluster.last("POST /_plugins/_ism/add/oplog-1").body())
                .path("policy_id")
                .asText())
        .isEqualTo(ID);
    assertThat(result.policy()).isEqualTo(Change.CREATED);
    assertThat(result.template()).isEqualTo(Change.NOT_APPLICABLE);
    assertThat(result.attached()).containsExactly("oplog-1");
    assertThat(result.detachedForLegalHold()).containsExactly("oplog-held");
    assertThat(result.movedToUpdatedPolicy()).isEmpty();
    assertThat(result.leftWithOtherPolicy()).containsEntry("oplog-foreign", "team-b");
  }

  @Test
  void updatesWithTheSeqNoAndPrimaryTermOfThePolicyItComparedAgainst() {
    ScriptedTransport cluster =
        clusterWithIndices()
            .answer("GET " + POLICY, 200, storedPolicy(Duration.ofDays(30), 17, 3))
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 18, 3))
            .answer(
                "PUT " + POLICY + "?if_seq_no=17&if_primary_term=3",
                200,
                storedPolicy(DELETE_AFTER, 18, 3));

    LifecycleApplyResult result =
        new OpenSearchIsm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.writes())
        .containsExactly(
            "POST /_plugins/_ism/remove/oplog-held",
            "PUT " + POLICY + "?if_seq_no=17&if_primary_term=3",
            "POST /_plugins/_ism/add/oplog-1",
            "POST /_plugins/_ism/change_policy/oplog-2");
    assertThat(result.policy()).isEqualTo(Change.UPDATED);
    assertThat(result.movedToUpdatedPolicy()).containsExactly("oplog-2");
  }

  @Test
  void writesNothingWhenThePolicyAndIndicesAreAsWanted() {
    ScriptedTransport cluster =
        new ScriptedTransport()
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 5, 1))
            .answer("GET " + LIST, 200, SOME_INDICES)
            .answer("GET " + EXPLAIN, 200, explain("oplog-1", ID, "oplog-held", null))
            .answer("GET " + HOLD, 200, "{'oplog-held':{'aliases':{'legal-hold':{}}}}");

    LifecycleApplyResult result =
        new OpenSearchIsm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.writes()).isEmpty();
    assertThat(result.policy()).isEqualTo(Change.UNCHANGED);
    assertThat(result.changesAnything()).isFalse();
  }

  @Test
  void noMatchingIndexYetMeansNothingToAttachNotAnExplainError() {
    // Explain answers 400 "no documents to get" for a pattern that matches nothing; the adapter
    // must not ask it.
    ScriptedTransport cluster =
        new ScriptedTransport()
            .answer(
                "GET " + POLICY,
                404,
                "{'error':{'type':'status_exception','reason':'Policy not found'}}")
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 0, 1))
            .answer("PUT " + POLICY, 201, storedPolicy(DELETE_AFTER, 0, 1))
            .answer("GET " + LIST, 200, "{}")
            .answer(
                "GET " + EXPLAIN,
                400,
                "{'error':{'type':'action_request_validation_exception',"
                    + "'reason':'Validation Failed: 1: no documents to get;'},'status':400}");

    LifecycleApplyResult result =
        new OpenSearchIsm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.writes()).containsExactly("PUT " + POLICY);
    assertThat(cluster.requests()).noneMatch(r -> r.describe().equals("GET " + EXPLAIN));
    assertThat(result.policy()).isEqualTo(Change.CREATED);
    assertThat(result.attached()).isEmpty();
  }

  @Test
  void attachmentsThatShowLateInExplainAreReadAgainNotReportedAsLost() {
    // Explain reads ISM's config index, refreshed once a second: right after an add it still shows
    // no policy.
    ScriptedTransport cluster =
        clusterWithIndices()
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 5, 1))
            .override("GET " + EXPLAIN, 200, explain("oplog-1", null, "oplog-held", null))
            .answer("GET " + EXPLAIN, 200, explain("oplog-1", null, "oplog-held", null))
            .answer("GET " + EXPLAIN, 200, explain("oplog-1", ID, "oplog-held", null));

    LifecycleApplyResult result =
        new OpenSearchIsm(cluster, 3, Duration.ZERO)
            .apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold"));

    assertThat(result.attached()).containsExactly("oplog-1");
    assertThat(cluster.requests().stream().filter(r -> r.describe().equals("GET " + EXPLAIN)))
        .hasSize(3);
  }

  @Test
  void anAttachmentStillMissingAfterEveryReadIsAVerificationError() {
    ScriptedTransport cluster =
        clusterWithIndices()
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 5, 1))
            .override("GET " + EXPLAIN, 200, explain("oplog-1", null, "oplog-held", null));

    assertThatThrownBy(
            () ->
                new OpenSearchIsm(cluster, 3, Duration.ZERO)
                    .apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold")))
        .isInstanceOf(LifecycleVerificationException.class)
        .hasMessageContaining("oplog-1 runs no policy instead of " + ID);
    // one read to plan, three to verify
    assertThat(cluster.requests().stream().filter(r -> r.describe().equals("GET " + EXPLAIN)))
        .hasSize(4);
  }

  @Test
  void aDryRunReportsTheChangesAndWritesNothing() {
    ScriptedTransport cluster =
        clusterWithIndices().answer("GET " + POLICY, 200, storedPolicy(Duration.ofDays(30), 17, 3));

    LifecycleApplyResult result =
        new OpenSearchIsm(cluster).dryRun(Lifecycles.openSearch(DELETE_AFTER, "legal-hold"));

    assertThat(cluster.writes()).isEmpty();
    assertThat(result.dryRun()).isTrue();
    assertThat(result.policy()).isEqualTo(Change.UPDATED);
    assertThat(result.attached()).containsExactly("oplog-1");
    assertThat(result.detachedForLegalHold()).containsExactly("oplog-held");
    assertThat(result.movedToUpdatedPolicy()).containsExactly("oplog-2");
  }

  @Test
  void aConcurrentChangeIsAConflictToRetryNotAnOverwrite() {
    ScriptedTransport cluster =
        clusterWithIndices()
            .answer("GET " + POLICY, 200, storedPolicy(Duration.ofDays(30), 17, 3))
            .answer(
                "PUT " + POLICY + "?if_seq_no=17&if_primary_term=3",
                409,
                "{'error':{'type':"
                    + "'version_conflict_engine_exception','reason':'version conflict, required seqNo [17]'},'status':409}");

    assertThatThrownBy(
            () ->
                new OpenSearchIsm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold")))
        .isInstanceOf(SearchRequestException.class)
        .hasMessageContaining("PUT " + POLICY + "?if_seq_no=17&if_primary_term=3")
        .hasMessageContaining("HTTP 409")
        .hasMessageContaining("version_conflict_engine_exception")
        .hasMessageContaining("retry");
    assertThat(cluster.writes()).doesNotContain("PUT " + POLICY);
  }

  @Test
  void anUpdateWithoutSeqNoIsRefused() throws Exception {
    ObjectNode stored = (ObjectNode) JSON.readTree(storedPolicy(Duration.ofDays(30), 1, 1));
    stored.remove("_seq_no");
    assertThatThrownBy(
            () -> OpenSearchIsm.concurrencyGuard(stored, Lifecycles.openSearch(DELETE_AFTER, null)))
        .isInstanceOf(LifecycleVerificationException.class)
        .hasMessageContaining("_seq_no");
  }

  @Test
  void failedIndicesOfAnAddAreAnError() {
    ScriptedTransport cluster =
        clusterWithIndices()
            .answer("GET " + POLICY, 200, storedPolicy(DELETE_AFTER, 5, 1))
            .override(
                "POST /_plugins/_ism/add/oplog-1",
                200,
                "{'updated_indices':0,'failures':true,'failed_indices':"
                    + "[{'index_name':'oplog-1','reason':'This index already has a policy'}]}");

    assertThatThrownBy(
            () ->
                new OpenSearchIsm(cluster).apply(Lifecycles.openSearch(DELETE_AFTER, "legal-hold")))
        .isInstanceOf(LifecycleVerificationException.class)
        .hasMessageContaining("POST /_plugins/_ism/add/oplog-1")
        .hasMessageContaining("This index already has a policy");
  }
}
