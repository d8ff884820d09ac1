package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.ekyc.operator.search.SearchRequest;
import dev.ekyc.operator.search.SharedClusterReads;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared reads against the real Elasticsearch 6.8: the ILM adapter's checks of several lifecycles,
 * answered from one policy listing and one owned-template listing, find exactly what checks over
 * the cluster's own transport find, in sync, changed or absent. Setup uses a plain HTTP client.
 */
class SharedClusterReadsIT {
  private SearchHttp es;
  private String run;
  private String prefix;
  private HttpSearchTransport direct;
  private final List<String> ids = new ArrayList<>();

  @BeforeEach
  void connect() {
    URI url = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    es = new SearchHttp(url.toString());
    run =
        ("it-shared-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    prefix = Ownership.PREFIX + "it." + run + ".";
    direct =
        new HttpSearchTransport(
            url.toString(), new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()));
  }

  @AfterEach
  void cleanUp() {
    if (es == null) {
      return;
    }
    es.send("DELETE", "/" + run + "-*", null);
    for (String id : ids) {
      es.send("DELETE", "/_template/" + id, null);
      es.send("DELETE", "/_ilm/policy/" + id, null);
    }
  }

  private IndexLifecycle lifecycle(String name, Duration deleteAfter) {
    String id = prefix + name;
    if (!ids.contains(id)) {
      ids.add(id);
    }
    return new IndexLifecycle(
        SearchEngine.Elasticsearch,
        id,
        run + "-" + name + "-*",
        deleteAfter,
        Duration.ofDays(1),
        run + "-legal-hold",
        Mechanism.Role.PRIMARY);
  }

  @Test
  void checksFromSharedListingsFindWhatDirectChecksFindWithOneListingOfPoliciesAndOfTemplates() {
    List<IndexLifecycle> planned = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      es.createIndex(run + "-" + name + "-2026.01.01", null);
      planned.add(lifecycle(name, Duration.ofDays(30)));
    }
    ElasticsearchIlm writer = new ElasticsearchIlm(direct);
    planned.forEach(writer::apply);
    // Drift on c (someone shortened the policy) and d never applied from here on: a new lifecycle e
    // is absent.
    writer.apply(lifecycle("c", Duration.ofDays(3)));
    planned.add(lifecycle("e", Duration.ofDays(30)));

    RecordingSearchTransport recorded = new RecordingSearchTransport(direct);
    SharedClusterReads shared = new SharedClusterReads(recorded, prefix);
    ElasticsearchIlm sharedIlm = new ElasticsearchIlm(shared);
    for (IndexLifecycle lifecycle : planned) {
      LifecycleApplyResult fromShared = sharedIlm.dryRun(lifecycle);
      assertThat(fromShared).as(lifecycle.policyId()).isEqualTo(writer.dryRun(lifecycle));
    }
    assertThat(sharedIlm.dryRun(planned.get(0)).changesAnything()).isFalse();
    assertThat(sharedIlm.dryRun(planned.get(2)).policy()).isEqualTo(Change.UPDATED);
    assertThat(sharedIlm.dryRun(planned.get(4)).policy()).isEqualTo(Change.CREATED);
    assertThat(sharedIlm.dryRun(planned.get(4)).template()).isEqualTo(Change.CREATED);

    List<String> paths = recorded.requests.stream().map(SearchRequest::path).toList();
    assertThat(paths).filteredOn(p -> p.startsWith("/_ilm/policy")).containsExactly("/_ilm/policy");
    assertThat(paths)
        .filteredOn(p -> p.startsWith("/_template"))
        .containsExactly("/_template/" + prefix + "*?flat_settings=true");
    assertThat(paths)
        .as("one legal-hold read for the five, one settings read per pattern")
        .hasSize(2 + 1 + planned.size());
    assertThat(shared.sent()).isEqualTo(paths.size());
    assertThat(recorded.writes()).isEmpty();

    assertThatThrownBy(() -> sharedIlm.apply(planned.get(2)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("never write");
    assertThat(
            es.get("/_ilm/policy/" + planned.get(2).policyId())
                .path(planned.get(2).policyId())
                .path("policy")
                .path("phases")
                .path("delete")
                .path("min_age")
                .asText())
        .isEqualTo("3d");
  }
}
