package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.ResidualCopy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots as a copy of a search store's indices outside the live cluster: no repository, none;
 * repositories with snapshot policies that all expire snapshots (Elasticsearch SLM {@code
 * retention.expire_after}, OpenSearch snapshot management {@code deletion.condition.max_age}),
 * bounded by the longest; repositories without such a policy, unbounded (snapshots taken by hand or
 * by a policy that never deletes stay until someone deletes them). Per store, not per index: the
 * policies' index patterns are not matched against the rule. Three small reads per store ({@link
 * #read}); unreadable answers are UNKNOWN.
 */
public final class SnapshotResidual {
  private SnapshotResidual() {}

  public static ResidualCopy read(SearchTransport transport, SearchEngine engine) {
    SearchResponse repos = transport.send(SearchRequest.get("/_snapshot"));
    if (!repos.ok()) {
      return ResidualCopy.unknown("snapshots", "GET _snapshot", "answered " + repos.status());
    }
    String path = engine == SearchEngine.OpenSearch ? "/_plugins/_sm/policies" : "/_slm/policy";
    SearchResponse policies = transport.send(SearchRequest.get(path));
    JsonNode reposJson = Json.parse(SearchRequest.get("/_snapshot"), repos);
    JsonNode policiesJson = policies.ok() ? Json.parse(SearchRequest.get(path), policies) : null;
    return decide(reposJson, policiesJson, engine);
  }

  /**
   * Pure: the repositories listing and the snapshot policies (null when the API is missing or
   * refused).
   */
  static ResidualCopy decide(JsonNode repositories, JsonNode policies, SearchEngine engine) {
    if (repositories == null || repositories.isEmpty()) {
      return ResidualCopy.absent("snapshots", "GET _snapshot: no repository");
    }
    List<String> names = new ArrayList<>();
    repositories.fieldNames().forEachRemaining(names::add);
    String source = engine == SearchEngine.OpenSearch ? "snapshot management" : "SLM";
    List<Duration> ages = new ArrayList<>();
    boolean unbounded = false;
    int count = 0;
    if (policies != null) {
      Iterable<JsonNode> each =
          engine == SearchEngine.OpenSearch ? policies.path("policies") : policies;
      for (JsonNode policy : each) {
        count++;
        String maxAge =
            engine == SearchEngine.OpenSearch
                ? policy
                    .path("sm_policy")
                    .path("deletion")
                    .path("condition")
                    .path("max_age")
                    .asText("")
                : policy.path("policy").path("retention").path("expire_after").asText("");
        Duration age = parseTimeValue(maxAge);
        if (age == null) {
          unbounded = true;
        } else {
          ages.add(age);
        }
      }
    }
    String repos = "repositories " + String.join(", ", names);
    if (count == 0 || unbounded) {
      return new ResidualCopy(
          "snapshots",
          ResidualCopy.State.READ,
          null,
          "GET _snapshot",
          repos
              + (count == 0
                  ? ", no " + source + " policy deletes their snapshots"
                  : ", a " + source + " policy without a maximum age")
              + "; snapshots stay until someone deletes them");
    }
    Duration longest = ages.stream().max(Duration::compareTo).orElseThrow();
    return new ResidualCopy(
        "snapshots",
        ResidualCopy.State.READ,
        longest,
        source + " max age",
        repos
            + "; "
            + count
            + " "
            + source
            + " policies, longest retention "
            + DurationText.format(longest)
            + "; snapshots taken outside them are not bounded");
  }

  /** "30d", "12h", "90m", "3600s" (the units both engines print); null for anything else. */
  static Duration parseTimeValue(String text) {
    if (text == null || !text.matches("\\d+(d|h|m|s|ms)")) {
      return null;
    }
    long n = Long.parseLong(text.replaceAll("\\D", ""));
    return switch (text.replaceAll("\\d", "")) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMillis(n);
    };
  }
}
