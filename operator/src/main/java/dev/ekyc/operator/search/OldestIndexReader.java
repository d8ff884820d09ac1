package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.ObservedAge;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a search cluster really holds for one ILM/ISM rule (data-stream rules on OpenSearch
 * included: their pattern is the backing indices'), for the drift check: the oldest index the
 * pattern matches that no legal hold keeps, its age by the cluster's clock ({@code
 * index.creation_date}, set by the cluster), and the lifecycle's own account of it (explain). Cost
 * per rule and drift interval, whatever the number of indices: one clock read, one settings listing
 * of the pattern (one line per index, creation date only), one alias read when the rule has a hold
 * alias, and one explain of the oldest index alone (plus a policy read when ILM shows no phase
 * yet). Read-only.
 */
public final class OldestIndexReader {
  private final SearchClient client;
  private final SearchTransport transport;
  private final SearchEngine engine;

  public OldestIndexReader(SearchTransport transport, SearchEngine engine) {
    this.client = new SearchClient(transport);
    this.transport = transport;
    this.engine = engine;
  }

  public ObservedAge observe(IndexLifecycle lifecycle, Duration bound) {
    Instant now = ClusterClock.now(client);
    String pattern = lifecycle.indexPattern();
    JsonNode settings =
        client.readOrNull(
            "/"
                + SearchPaths.segment(pattern)
                + "/_settings/index.creation_date?flat_settings=true&expand_wildcards=all");
    Set<String> held = held(pattern, lifecycle.legalHoldAlias());
    String oldest = null;
    long oldestMillis = Long.MAX_VALUE;
    if (settings != null) {
      for (Map.Entry<String, JsonNode> e :
          (Iterable<Map.Entry<String, JsonNode>>) settings::fields) {
        String created = e.getValue().path("settings").path("index.creation_date").asText("");
        if (!created.matches("\\d+") || held.contains(e.getKey())) {
          continue;
        }
        long millis = Long.parseLong(created);
        if (millis < oldestMillis || (millis == oldestMillis && e.getKey().compareTo(oldest) < 0)) {
          oldest = e.getKey();
          oldestMillis = millis;
        }
      }
    }
    if (oldest == null) {
      return ObservedAge.none("index", pattern, bound, now);
    }
    long age = Math.max(0, now.getEpochSecond() - oldestMillis / 1000);
    LifecycleExplain explain = explain(oldest, lifecycle.policyId());
    return new ObservedAge("index", oldest, age, bound, explain.reason(), now);
  }

  private Set<String> held(String pattern, String holdAlias) {
    Set<String> out = new HashSet<>();
    if (holdAlias == null) {
      return out;
    }
    JsonNode aliases =
        client.readOrNull(
            "/"
                + SearchPaths.segment(pattern)
                + "/_alias/"
                + SearchPaths.segment(holdAlias)
                + "?expand_wildcards=all");
    if (aliases != null) {
      aliases.fieldNames().forEachRemaining(out::add);
    }
    return out;
  }

  private LifecycleExplain explain(String index, String policy) {
    if (engine == SearchEngine.OpenSearch) {
      JsonNode answer = client.readOrNull("/_plugins/_ism/explain/" + SearchPaths.segment(index));
      return LifecycleExplain.ism(answer == null ? null : answer.path(index), policy);
    }
    JsonNode answer = client.readOrNull("/" + SearchPaths.segment(index) + "/_ilm/explain");
    JsonNode entry = answer == null ? null : answer.path("indices").path(index);
    LifecycleExplain explain = LifecycleExplain.ilm(entry, policy);
    if (explain.stuck() && explain.reason().startsWith("not attached")) {
      // Elasticsearch >= 7.8: a matching composable template wins over the operator's legacy ILM
      // template.
      var winner = ComposableTemplates.winner(ComposableTemplates.read(transport), index);
      if (winner.isPresent()) {
        return new LifecycleExplain(
            explain.reason()
                + "; composable template "
                + winner.get().name()
                + " (priority "
                + winner.get().priority()
                + ") applies to new indices instead of the operator's legacy template: add"
                + " index.lifecycle.name "
                + policy
                + " to it (or to a component template in its composed_of)",
            true);
      }
    }
    if (!explain.stuck()
        && !entry.has("phase")
        && client.readOrNull("/_ilm/policy/" + SearchPaths.segment(policy)) == null) {
      // ES 6.8 explains an index whose policy is missing as managed, with no phase and no error.
      return new LifecycleExplain("ILM policy " + policy + " does not exist", true);
    }
    return explain;
  }
}
