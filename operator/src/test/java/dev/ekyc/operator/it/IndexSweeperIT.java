package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.credentials.SearchAuth;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.IndexSweep;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.IndexSweepResult;
import dev.ekyc.operator.search.IndexSweeper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index sweeper against the real Elasticsearch 6.8 and OpenSearch 2.19 of the test environment.
 * A creation date cannot be set, so the rule's {@code deleteAfter} is a few seconds (built
 * directly, below the minute the API allows) and the test waits, by polling the cluster's own
 * clock, until the old indices are that old; the cutoff still comes from the cluster's clock,
 * exactly as in production. Setup and checks use a plain HTTP client.
 */
class IndexSweeperIT {
  private static final Duration DELETE_AFTER = Duration.ofSeconds(3);

  @ParameterizedTest
  @ValueSource(strings = {"EKYC_IT_ES_URL", "EKYC_IT_OS_URL"})
  void deletesOnlyDueIndicesOldestFirstWithinTheCapAndNeverWriteHeldOrYoungOnes(String variable) {
    URI url = Backends.requireReachableUrl(variable);
    SearchHttp http = new SearchHttp(url.toString());
    String run =
        ("it-isw-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    String hold = run + "-legal-hold";
    try {
      // In creation order, so "oldest first" is a, b, c, rolled.
      List<String> due =
          List.of(run + "-logs-a", run + "-logs-b", run + "-logs-c", run + "-logs-rolled");
      for (String index : due.subList(0, 3)) {
        http.createIndex(index, null);
      }
      http.put("/" + run + "-logs-rolled", aliased(run + "-write", false));
      http.put(
          "/" + run + "-logs-current", aliased(run + "-write", true)); // the alias's write index
      http.createIndex(run + "-logs-sole", run + "-sole"); // only index of its alias: written to
      http.createIndex(run + "-logs-held", hold);
      // Outside the pattern, but the cluster resolves the pattern through their alias to them:
      // never candidates.
      http.createIndex(run + "-other-a", run + "-logs-alias");
      http.createIndex(run + "-other-b", run + "-logs-alias");
      boolean openSearch = variable.equals("EKYC_IT_OS_URL");
      if (openSearch) {
        http.put(
            "/" + run + "-logs-hidden",
            "{'settings':{'number_of_shards':1,'number_of_replicas':0," + "'index.hidden':true}}");
      }
      long newest = http.creationDate(run + "-logs-held");
      Eventually.await(
          "the cluster's clock past the old indices' creation + deleteAfter",
          Duration.ofSeconds(30),
          () -> clusterEpochSeconds(http),
          epoch -> epoch * 1000 > newest + DELETE_AFTER.toMillis() + 1000);
      http.createIndex(run + "-logs-young", null);

      IndexSweeper dry = new IndexSweeper(transport(url), true);
      IndexSweepResult wouldDo = dry.sweep(sweep(run, hold, 100));
      assertThat(wouldDo.dryRun()).isTrue();
      assertThat(wouldDo.deleted()).as("would delete").isEqualTo(4);
      assertThat(indices(http, run)).as("a dry run deletes nothing").hasSize(openSearch ? 11 : 10);

      IndexSweepResult capped = new IndexSweeper(transport(url), false).sweep(sweep(run, hold, 2));
      assertThat(capped.deleted()).isEqualTo(2);
      assertThat(capped.capReached()).isTrue();
      assertThat(capped.backlog()).isEqualTo(2);
      assertThat(capped.oldestBacklogCreated())
          .isEqualTo(Instant.ofEpochMilli(http.creationDate(run + "-logs-c")));
      assertThat(capped.keptHeld()).isEqualTo(1);
      assertThat(capped.writeIndices()).as("current and sole").isEqualTo(2);
      assertThat(capped.tooYoung()).isEqualTo(1);
      assertThat(capped.listed()).as("hidden indices are not even listed").isEqualTo(8);
      assertThat(capped.cutoff()).isEqualTo(capped.serverNow().minus(DELETE_AFTER));
      assertThat(indices(http, run))
          .doesNotContain(due.get(0), due.get(1))
          .contains(due.get(2), due.get(3));

      IndexSweepResult rest = new IndexSweeper(transport(url), false).sweep(sweep(run, hold, 100));
      assertThat(rest.deleted()).isEqualTo(2);
      assertThat(rest.backlog()).isZero();
      assertThat(rest.oldestBacklogCreated()).isNull();
      List<String> expected =
          new ArrayList<>(
              List.of(
                  run + "-logs-current",
                  run + "-logs-sole",
                  run + "-logs-held",
                  run + "-logs-young",
                  run + "-other-a",
                  run + "-other-b"));
      if (openSearch) {
        expected.add(run + "-logs-hidden");
      }
      assertThat(indices(http, run)).containsExactlyInAnyOrderElementsOf(expected);

      IndexSweepResult again = new IndexSweeper(transport(url), false).sweep(sweep(run, hold, 100));
      assertThat(again.deleted()).as("a rerun finds nothing more").isZero();
    } finally {
      http.send("DELETE", "/" + run + "-*?expand_wildcards=all", null);
      http.send("DELETE", "/" + run + "-logs-hidden", null);
    }
  }

  private static IndexSweep sweep(String run, String hold, long cap) {
    return new IndexSweep(
        run + "-logs-*",
        DELETE_AFTER,
        Duration.ZERO,
        hold,
        "* * * * *",
        cap,
        Mechanism.Role.PRIMARY);
  }

  private static String aliased(String alias, boolean write) {
    return "{'settings':{'number_of_shards':1,'number_of_replicas':0},'aliases':{'"
        + alias
        + "':{'is_write_index':"
        + write
        + "}}}";
  }

  private static HttpSearchTransport transport(URI url) {
    return new HttpSearchTransport(
        url.toString(), new StoreCredentials.Search(new SearchAuth.None(), Optional.empty()));
  }

  /** The cluster's clock, read as the sweeper reads it (independently of it). */
  static long clusterEpochSeconds(SearchHttp http) {
    return Long.parseLong(
        http.get("/_cat/health?format=json&h=epoch").path(0).path("epoch").asText());
  }

  /** Every index of the run, hidden ones included, read independently of the code under test. */
  static List<String> indices(SearchHttp http, String run) {
    List<String> names = new ArrayList<>();
    http.get("/" + run + "-*/_settings?expand_wildcards=all")
        .fieldNames()
        .forEachRemaining(names::add);
    return names;
  }
}
