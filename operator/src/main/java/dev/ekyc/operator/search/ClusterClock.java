package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The cluster's clock: {@code _cat/health}'s epoch, whole seconds (rounding down only moves a
 * cutoff earlier).
 */
final class ClusterClock {
  private ClusterClock() {}

  static Instant now(SearchClient client) {
    JsonNode health = client.read("/_cat/health?format=json&h=epoch");
    JsonNode epoch = health.path(0).path("epoch");
    if (epoch.isMissingNode() || !epoch.asText().matches("\\d+")) {
      throw new SearchRequestException(
          SearchRequest.get("/_cat/health"),
          200,
          "the cluster did not report its"
              + " time (epoch); without the cluster's clock no index is deleted");
    }
    return Instant.ofEpochSecond(Long.parseLong(epoch.asText()));
  }
}
