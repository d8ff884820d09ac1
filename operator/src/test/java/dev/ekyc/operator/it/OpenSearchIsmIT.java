package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.search.Change;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.LifecycleApplyResult;
import dev.ekyc.operator.search.OpenSearchIsm;
import dev.ekyc.operator.search.Ownership;
import dev.ekyc.operator.search.SearchRequestException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ISM adapter against the real OpenSearch 2.19 of the test environment, with the job-scheduler
 * and index-management plugins installed by testenv/provision.sh and an ISM job interval of one
 * minute. Proves what ElasticsearchIlmIT proves for ILM. Every name starts with a prefix unique to
 * the test, so runs and other tests never see each other's indices or policies. Setup and
 * assertions use a plain HTTP client, not the code under test.
 */
class OpenSearchIsmIT {
  private static final String ISM = "/_plugins/_ism";

  private SearchHttp os;
  private String run;
  private String policyId;
  private String holdAlias;
  private RecordingSearchTransport transport;
  private OpenSearchIsm ism;

  @BeforeEach
  void connect() {
    URI url = Backends.requireReachableUrl("EKYC_IT_OS_URL");
    os = new SearchHttp(url.toString());
    // A server without the plugin is a broken test environment, not a reason to skip (testenv
    // installs it).
    assertThat(os.send("GET", "/_cat/plugins?h=component", null).body())
        .as(
            "OpenSearch at %s must run the ISM plugin: testenv/provision.sh opensearch, then restart it",
            url)
        .contains("opensearch-index-management");
    run =
        ("it-ism-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    policyId = Ownership.PREFIX + "it." + run + ".logs";
    holdAlias = run + "-legal-hold";
    transport =
        new RecordingSearchTransport(
            new HttpSearchTransport(
                url.toString(),
                new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
    ism = new OpenSearchIsm(transport);
  }

  @AfterEach
  void cleanUp() {
    if (os == null || run == null) {
      return;
    }
    // Deleting an index also removes its ISM job.
    os.send("DELETE", "/" + run + "-*", null);
    os.send("DELETE", ISM + "/policies/" + policyId, null);
    os.send("DELETE", ISM + "/policies/" + run + "-foreign", null);
  }

  private IndexLifecycle lifecycle(String pattern, Duration deleteAfter) {
    return new IndexLifecycle(
        SearchEngine.OpenSearch,
        policyId,
        pattern,
        deleteAfter,
        Duration.ofDays(1),
        holdAlias,
        Mechanism.Role.PRIMARY);
  }

  @Test
  void attachesToExistingAndNewIndicesSkipsHeldOnesUpdatesWithSeqNoAndLeavesForeignPoliciesAlone() {
    String pattern = run + "-logs-*";
    String first = run + "-logs-2026.01.01";
    String second = run + "-logs-2026.01.02";
    String held = run + "-logs-held";
    String foreignManaged = run + "-logs-foreign";
    String other = run + "-other-2026.01.01";
    os.createIndex(first, null);
    os.createIndex(second, null);
    os.createIndex(held, holdAlias);
    os.createIndex(foreignManaged, null);
    os.createIndex(other, null);
    // Someone else's policy with a broader, lower-priority ism_template, running one of the
    // matching indices.
    os.put(
        ISM + "/policies/" + run + "-foreign",
        "{'policy':{'description':'not ours','default_state':'keep',"
            + "'states':[{'name':'keep','actions':[],'transitions':[]}],"
            + "'ism_template':[{'index_patterns':['"
            + run
            + "-*'],'priority':1}]}}");
    os.post(ISM + "/add/" + foreignManaged, "{'policy_id':'" + run + "-foreign'}");
    Eventually.await(
        foreignManaged + " runs the foreign policy",
        Duration.ofSeconds(30),
        () -> String.valueOf(ismPolicyOf(foreignManaged)),
        (run + "-foreign")::equals);
    JsonNode foreignPolicy = os.get(ISM + "/policies/" + run + "-foreign");

    // 1. First apply: the policy created, the two plain indices added explicitly, the held one not.
    LifecycleApplyResult created = ism.apply(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(created.policy()).isEqualTo(Change.CREATED);
    assertThat(created.template()).isEqualTo(Change.NOT_APPLICABLE);
    assertThat(created.attached()).containsExactly(first, second);
    assertThat(created.detachedForLegalHold()).isEmpty();
    assertThat(created.leftWithOtherPolicy()).isEqualTo(Map.of(foreignManaged, run + "-foreign"));
    assertThat(transport.writes())
        .containsExactly(
            "PUT " + ISM + "/policies/" + policyId, "POST " + ISM + "/add/" + first + "," + second);
    JsonNode policy = os.get(ISM + "/policies/" + policyId);
    assertThat(minIndexAge(policy)).isEqualTo("731d");
    JsonNode template = policy.path("policy").path("ism_template").get(0);
    assertThat(template.path("index_patterns").toString()).isEqualTo("[\"" + pattern + "\"]");
    assertThat(template.path("priority").asInt()).isEqualTo(1000);
    assertThat(ismPolicyOf(first)).isEqualTo(policyId);
    assertThat(ismPolicyOf(second)).isEqualTo(policyId);
    assertThat(ismPolicyOf(held)).isNull();
    assertThat(ismPolicyOf(other)).isNull();
    assertThat(ismPolicyOf(foreignManaged)).isEqualTo(run + "-foreign");
    assertThat(os.get(ISM + "/policies/" + run + "-foreign")).isEqualTo(foreignPolicy);

    // 2. Second apply: nothing differs (the server's own additions -- retry, schema_version, dates
    // -- are not
    // differences), so nothing is written and the policy keeps its sequence number.
    long seqNo = policy.path("_seq_no").asLong();
    transport.requests.clear();
    LifecycleApplyResult again = ism.apply(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(again.policy()).isEqualTo(Change.UNCHANGED);
    assertThat(again.attached()).isEmpty();
    assertThat(again.changesAnything()).isFalse();
    assertThat(transport.writes()).isEmpty();
    assertThat(os.get(ISM + "/policies/" + policyId).path("_seq_no").asLong()).isEqualTo(seqNo);

    // 3. Someone else writes the policy between our read and our write: the sequence number we read
    // makes ISM
    // refuse our write (409) instead of overwriting theirs.
    transport.beforeEachWrite(
        request -> {
          if (request.path().startsWith(ISM + "/policies/")) {
            JsonNode current = os.get(ISM + "/policies/" + policyId);
            ((ObjectNode) current.path("policy")).put("description", "edited by hand");
            os.put(
                ISM
                    + "/policies/"
                    + policyId
                    + "?if_seq_no="
                    + current.path("_seq_no").asLong()
                    + "&if_primary_term="
                    + current.path("_primary_term").asLong(),
                "{\"policy\":" + stripServerFields(current.path("policy")) + "}");
          }
        });
    assertThatThrownBy(() -> ism.apply(lifecycle(pattern, Duration.ofDays(30).plusHours(1))))
        .isInstanceOf(SearchRequestException.class)
        .satisfies(e -> assertThat(((SearchRequestException) e).status()).isEqualTo(409))
        .hasMessageContaining("if_seq_no=" + seqNo);
    assertThat(os.get(ISM + "/policies/" + policyId).path("policy").path("description").asText())
        .isEqualTo("edited by hand");
    transport.beforeEachWrite(request -> {});

    // 4. The next apply reads their version and replaces it with ours, guarded by its sequence
    // number, and moves
    // the indices already running the policy to the new version (ISM keeps each index on the
    // version it started).
    JsonNode theirs = os.get(ISM + "/policies/" + policyId);
    transport.requests.clear();
    LifecycleApplyResult changed = ism.apply(lifecycle(pattern, Duration.ofDays(30).plusHours(1)));

    assertThat(changed.policy()).isEqualTo(Change.UPDATED);
    assertThat(changed.attached()).isEmpty();
    assertThat(changed.movedToUpdatedPolicy()).containsExactly(first, second);
    assertThat(transport.writes())
        .containsExactly(
            "PUT "
                + ISM
                + "/policies/"
                + policyId
                + "?if_seq_no="
                + theirs.path("_seq_no").asLong()
                + "&if_primary_term="
                + theirs.path("_primary_term").asLong(),
            "POST " + ISM + "/change_policy/" + first + "," + second);
    JsonNode updated = os.get(ISM + "/policies/" + policyId);
    assertThat(minIndexAge(updated)).isEqualTo("721h");
    assertThat(updated.path("policy").path("description").asText())
        .startsWith("Managed by ekyc-operator");
    assertThat(updated.path("_seq_no").asLong()).isGreaterThan(theirs.path("_seq_no").asLong());
    assertThat(ismPolicyOf(first)).isEqualTo(policyId);
    assertThat(ismPolicyOf(second)).isEqualTo(policyId);

    // 5. An index created afterwards gets the policy from our ism_template, which outranks the
    // foreign one.
    String later = run + "-logs-2026.01.03";
    os.createIndex(later, null);
    Eventually.await(
        later + " attached by the ism_template",
        Duration.ofSeconds(60),
        () -> String.valueOf(ismPolicyOf(later)),
        policyId::equals);

    // 6. A legal hold put on an index that runs the policy: the next apply removes the policy from
    // it, and only it.
    os.put("/" + second + "/_alias/" + holdAlias, "{}");
    transport.requests.clear();
    LifecycleApplyResult hold = ism.apply(lifecycle(pattern, Duration.ofDays(30).plusHours(1)));

    assertThat(hold.detachedForLegalHold()).containsExactly(second);
    assertThat(hold.policy()).isEqualTo(Change.UNCHANGED);
    assertThat(transport.writes()).containsExactly("POST " + ISM + "/remove/" + second);
    assertThat(ismPolicyOf(second)).isNull();
    assertThat(ismPolicyOf(first)).isEqualTo(policyId);
    assertThat(ismPolicyOf(later)).isEqualTo(policyId);
    assertThat(ismPolicyOf(held)).isNull();
    assertThat(ismPolicyOf(other)).isNull();
    assertThat(ismPolicyOf(foreignManaged)).isEqualTo(run + "-foreign");
    assertThat(os.get(ISM + "/policies/" + run + "-foreign")).isEqualTo(foreignPolicy);

    // 7. The ism_template knows nothing of holds: an index created with the hold alias is attached
    // by it, and the
    // next apply removes it again.
    String heldLater = run + "-logs-held-2";
    os.createIndex(heldLater, holdAlias);
    Eventually.await(
        heldLater + " attached by the ism_template",
        Duration.ofSeconds(60),
        () -> String.valueOf(ismPolicyOf(heldLater)),
        policyId::equals);
    LifecycleApplyResult heldAgain =
        ism.apply(lifecycle(pattern, Duration.ofDays(30).plusHours(1)));

    assertThat(heldAgain.detachedForLegalHold()).containsExactly(heldLater);
    assertThat(ismPolicyOf(heldLater)).isNull();
  }

  @Test
  void aDryRunReportsWhatApplyWouldChangeAndWritesNothing() {
    String pattern = run + "-logs-*";
    String plain = run + "-logs-2026.02.01";
    os.createIndex(plain, null);
    os.createIndex(run + "-logs-held", holdAlias);

    LifecycleApplyResult dry = ism.dryRun(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.policy()).isEqualTo(Change.CREATED);
    assertThat(dry.attached()).containsExactly(plain);
    assertThat(transport.writes()).isEmpty();
    assertThat(os.status(ISM + "/policies/" + policyId)).isEqualTo(404);
    assertThat(ismPolicyOf(plain)).isNull();
  }

  @Test
  void aPatternWithoutIndicesYetGetsThePolicyAndItsTemplateOnly() {
    String pattern = run + "-empty-*";

    LifecycleApplyResult result = ism.apply(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(result.policy()).isEqualTo(Change.CREATED);
    assertThat(result.attached()).isEmpty();
    assertThat(transport.writes()).containsExactly("PUT " + ISM + "/policies/" + policyId);
    String first = run + "-empty-1";
    os.createIndex(first, null);
    Eventually.await(
        first + " attached by the ism_template",
        Duration.ofSeconds(60),
        () -> String.valueOf(ismPolicyOf(first)),
        policyId::equals);
  }

  /**
   * ISM really deletes: with a one-minute min_index_age (the shortest the adapter renders) a
   * matching index is deleted once ISM's job has initialised the policy, seen the age and run the
   * delete state (about 3 to 4 min after attaching with a one-minute job interval), while the held
   * index of the same age stays unmanaged.
   */
  @Test
  void ismDeletesAnOldMatchingIndexButNotTheHeldOne() {
    String pattern = run + "-tmp-*";
    String doomed = run + "-tmp-1";
    String held = run + "-tmp-held";
    os.createIndex(doomed, null);
    os.createIndex(held, holdAlias);
    long createdAt = os.creationDate(doomed);
    assertThat(createdAt).isPositive();

    LifecycleApplyResult result = ism.apply(lifecycle(pattern, Duration.ofSeconds(20)));
    assertThat(result.attached()).containsExactly(doomed);
    assertThat(minIndexAge(os.get(ISM + "/policies/" + policyId))).isEqualTo("1m");

    // Not early: still there shortly before it turns one minute old ...
    sleepUntil(createdAt + Duration.ofSeconds(55).toMillis());
    assertThat(os.status("/" + doomed)).as(doomed + " at 55 s").isEqualTo(200);
    // ... and deleted by ISM itself (nothing else deletes in this test).
    Eventually.await(
        doomed + " deleted by ISM",
        Duration.ofMinutes(8),
        () -> os.status("/" + doomed),
        status -> status == 404);
    assertThat(os.status("/" + held)).isEqualTo(200);
    assertThat(ismPolicyOf(held)).isNull();
  }

  /** The ISM policy an index runs according to explain, or null when it runs none. */
  private String ismPolicyOf(String index) {
    JsonNode id =
        os.get(ISM + "/explain/" + index)
            .path(index)
            .get("index.plugins.index_state_management.policy_id");
    return id == null || id.isNull() ? null : id.asText();
  }

  private static String minIndexAge(JsonNode policyResponse) {
    return policyResponse
        .path("policy")
        .path("states")
        .get(0)
        .path("transitions")
        .get(0)
        .path("conditions")
        .path("min_index_age")
        .asText();
  }

  /** A GET policy body as a PUT body: ISM refuses its own read-only fields on write. */
  private static String stripServerFields(JsonNode policy) {
    ObjectNode copy = policy.deepCopy();
    copy.remove(List.of("policy_id", "last_updated_time", "schema_version", "error_notification"));
    copy.path("ism_template").forEach(t -> ((ObjectNode) t).remove("last_updated_time"));
    return copy.toString();
  }

  private static void sleepUntil(long epochMillis) {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the index to age", e);
      }
    }
  }
}
