package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.search.Change;
import dev.ekyc.operator.search.ElasticsearchIlm;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.LifecycleApplyResult;
import dev.ekyc.operator.search.Ownership;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ILM adapter against the real Elasticsearch 6.8 of the test environment (ILM polls every
 * second there). Every name starts with a prefix unique to the test, so runs and other tests never
 * see each other's indices, policies or templates. Setup and assertions use a plain HTTP client,
 * not the code under test.
 */
class ElasticsearchIlmIT {
  private SearchHttp es;
  private String run;
  private String policyId;
  private String holdAlias;
  private RecordingSearchTransport transport;
  private ElasticsearchIlm ilm;

  @BeforeEach
  void connect() {
    URI url = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(url.toString());
    run =
        ("it-ilm-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    policyId = Ownership.PREFIX + "it." + run + ".logs";
    holdAlias = run + "-legal-hold";
    transport =
        new RecordingSearchTransport(
            new HttpSearchTransport(
                url.toString(),
                new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
    ilm = new ElasticsearchIlm(transport);
  }

  @AfterEach
  void cleanUp() {
    if (es == null) {
      return;
    }
    // Indices first: Elasticsearch refuses to delete a policy that indices still use.
    es.send("DELETE", "/" + run + "-*", null);
    es.send("DELETE", "/_template/" + policyId, null);
    es.send("DELETE", "/_template/" + run + "-foreign", null);
    es.send("DELETE", "/_ilm/policy/" + policyId, null);
    es.send("DELETE", "/_ilm/policy/" + run + "-foreign", null);
  }

  private IndexLifecycle lifecycle(String pattern, Duration deleteAfter) {
    return new IndexLifecycle(
        SearchEngine.Elasticsearch,
        policyId,
        pattern,
        deleteAfter,
        Duration.ofDays(1),
        holdAlias,
        Mechanism.Role.PRIMARY);
  }

  @Test
  void
      attachesToExistingAndNewIndicesSkipsHeldOnesWritesOnlyDifferencesAndLeavesForeignObjectsAlone() {
    String pattern = run + "-logs-*";
    String first = run + "-logs-2026.01.01";
    String second = run + "-logs-2026.01.02";
    String held = run + "-logs-held";
    String other = run + "-other-2026.01.01";
    es.createIndex(first, null);
    es.createIndex(second, null);
    es.createIndex(held, holdAlias);
    es.createIndex(other, null);
    es.put(
        "/_ilm/policy/" + run + "-foreign",
        "{'policy':{'phases':{'delete':{'min_age':'3d','actions':{'delete':{}}}}}}");
    es.put(
        "/_template/" + run + "-foreign",
        "{'index_patterns':['" + run + "-*'],'order':0,'settings':{'index.number_of_replicas':0}}");
    JsonNode foreignPolicy = es.get("/_ilm/policy/" + run + "-foreign");
    JsonNode foreignTemplate = es.get("/_template/" + run + "-foreign");

    // 1. First apply: policy and template created, the two plain indices attached, the held one
    // not.
    LifecycleApplyResult created = ilm.apply(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(created.policy()).isEqualTo(Change.CREATED);
    assertThat(created.template()).isEqualTo(Change.CREATED);
    assertThat(created.attached()).containsExactly(first, second);
    assertThat(created.detachedForLegalHold()).isEmpty();
    JsonNode policy = es.get("/_ilm/policy/" + policyId).path(policyId);
    assertThat(policy.path("policy").path("phases").path("delete").path("min_age").asText())
        .isEqualTo("731d");
    JsonNode template = es.get("/_template/" + policyId + "?flat_settings=true").path(policyId);
    assertThat(template.path("index_patterns").toString()).isEqualTo("[\"" + pattern + "\"]");
    assertThat(template.path("settings").path("index.lifecycle.name").asText()).isEqualTo(policyId);
    assertThat(lifecycleName(first)).isEqualTo(policyId);
    assertThat(lifecycleName(second)).isEqualTo(policyId);
    assertThat(lifecycleName(held)).isNull();
    assertThat(lifecycleName(other)).isNull();
    assertThat(es.get("/_ilm/policy/" + run + "-foreign")).isEqualTo(foreignPolicy);
    assertThat(es.get("/_template/" + run + "-foreign")).isEqualTo(foreignTemplate);

    // 2. Second apply: nothing differs, so nothing is written.
    long version = policy.path("version").asLong();
    transport.requests.clear();
    LifecycleApplyResult again = ilm.apply(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(again.policy()).isEqualTo(Change.UNCHANGED);
    assertThat(again.template()).isEqualTo(Change.UNCHANGED);
    assertThat(again.attached()).isEmpty();
    assertThat(again.changesAnything()).isFalse();
    assertThat(transport.writes()).isEmpty();
    assertThat(es.get("/_ilm/policy/" + policyId).path(policyId).path("version").asLong())
        .isEqualTo(version);

    // 3. A longer write window: only the policy is written.
    transport.requests.clear();
    LifecycleApplyResult changed = ilm.apply(lifecycle(pattern, Duration.ofDays(30).plusHours(1)));

    assertThat(changed.policy()).isEqualTo(Change.UPDATED);
    assertThat(changed.template()).isEqualTo(Change.UNCHANGED);
    assertThat(changed.attached()).isEmpty();
    assertThat(transport.writes()).containsExactly("PUT /_ilm/policy/" + policyId);
    JsonNode updated = es.get("/_ilm/policy/" + policyId).path(policyId);
    assertThat(updated.path("policy").path("phases").path("delete").path("min_age").asText())
        .isEqualTo("721h");
    assertThat(updated.path("version").asLong()).isGreaterThan(version);

    // 4. An index created afterwards gets the policy from the template, and ILM manages it.
    String later = run + "-logs-2026.01.03";
    es.createIndex(later, null);
    assertThat(lifecycleName(later)).isEqualTo(policyId);
    JsonNode explain = es.get("/" + later + "/_ilm/explain").path("indices").path(later);
    assertThat(explain.path("managed").asBoolean()).isTrue();
    assertThat(explain.path("policy").asText()).isEqualTo(policyId);

    // 5. A legal hold put on an index that runs the policy: the next apply detaches it, and only
    // it.
    es.put("/" + second + "/_alias/" + holdAlias, "{}");
    LifecycleApplyResult hold = ilm.apply(lifecycle(pattern, Duration.ofDays(30).plusHours(1)));

    assertThat(hold.detachedForLegalHold()).containsExactly(second);
    assertThat(hold.policy()).isEqualTo(Change.UNCHANGED);
    assertThat(lifecycleName(second)).isNull();
    assertThat(
            es.get("/" + second + "/_ilm/explain")
                .path("indices")
                .path(second)
                .path("managed")
                .asBoolean())
        .isFalse();
    assertThat(lifecycleName(first)).isEqualTo(policyId);
    assertThat(lifecycleName(later)).isEqualTo(policyId);
    assertThat(lifecycleName(other)).isNull();
    assertThat(es.get("/_ilm/policy/" + run + "-foreign")).isEqualTo(foreignPolicy);
    assertThat(es.get("/_template/" + run + "-foreign")).isEqualTo(foreignTemplate);
  }

  @Test
  void aDryRunReportsWhatApplyWouldChangeAndWritesNothing() {
    String pattern = run + "-logs-*";
    String plain = run + "-logs-2026.02.01";
    es.createIndex(plain, null);
    es.createIndex(run + "-logs-held", holdAlias);

    LifecycleApplyResult dry = ilm.dryRun(lifecycle(pattern, Duration.ofDays(731)));

    assertThat(dry.dryRun()).isTrue();
    assertThat(dry.policy()).isEqualTo(Change.CREATED);
    assertThat(dry.template()).isEqualTo(Change.CREATED);
    assertThat(dry.attached()).containsExactly(plain);
    assertThat(transport.writes()).isEmpty();
    assertThat(es.status("/_ilm/policy/" + policyId)).isEqualTo(404);
    assertThat(es.status("/_template/" + policyId)).isEqualTo(404);
    assertThat(lifecycleName(plain)).isNull();
  }

  /**
   * ILM really deletes: with a one-minute delete phase (the shortest the adapter renders), a
   * matching index is gone soon after it turns one minute old, while the held index of the same age
   * stays. Takes about 62 s: ILM acts within a few seconds of the minute here (poll interval 1 s).
   */
  @Test
  void ilmDeletesAnOldMatchingIndexButNotTheHeldOne() {
    String pattern = run + "-tmp-*";
    String doomed = run + "-tmp-1";
    String held = run + "-tmp-held";
    es.createIndex(doomed, null);
    es.createIndex(held, holdAlias);
    long createdAt = es.creationDate(doomed);
    assertThat(createdAt).isPositive();

    LifecycleApplyResult result = ilm.apply(lifecycle(pattern, Duration.ofSeconds(20)));
    assertThat(result.attached()).containsExactly(doomed);
    assertThat(
            es.get("/_ilm/policy/" + policyId)
                .path(policyId)
                .path("policy")
                .path("phases")
                .path("delete")
                .path("min_age")
                .asText())
        .isEqualTo("1m");

    // Not early: still there shortly before it turns one minute old ...
    sleepUntil(createdAt + Duration.ofSeconds(55).toMillis());
    assertThat(es.status("/" + doomed)).as(doomed + " at 55 s").isEqualTo(200);
    // ... and gone soon after.
    Eventually.await(
        doomed + " deleted by ILM",
        Duration.ofSeconds(120),
        () -> es.status("/" + doomed),
        status -> status == 404);
    assertThat(es.status("/" + held)).isEqualTo(200);
    assertThat(lifecycleName(held)).isNull();
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

  /** The index's index.lifecycle.name, or null when it has none. */
  private String lifecycleName(String index) {
    JsonNode name =
        es.get("/" + index + "/_settings?flat_settings=true")
            .path(index)
            .path("settings")
            .get("index.lifecycle.name");
    return name == null ? null : name.asText();
  }
}
