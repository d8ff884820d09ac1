package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.policy.DataStreamRetention;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes an Elasticsearch data stream keep its backing indices no longer than the plan says, with
 * the data stream lifecycle ({@code PUT _data_stream/<name>/_lifecycle}, Elasticsearch 8.11 and
 * later): reads, writes only when the retention differs or the lifecycle is off, and verifies by
 * reading again. Older clusters and OpenSearch have no such API: {@link #unsupportedReason} says
 * so, and nothing is sent to them.
 */
public final class ElasticsearchDataStreamLifecycle {
  /** The first Elasticsearch with the data stream lifecycle API. */
  static final int FIRST_MAJOR = 8;

  static final int FIRST_MINOR = 11;

  private final SearchClient client;

  public ElasticsearchDataStreamLifecycle(SearchTransport transport) {
    this.client = new SearchClient(transport);
  }

  /**
   * Empty when the cluster has the data stream lifecycle; otherwise why not, from {@code GET /}.
   */
  public Optional<String> unsupportedReason() {
    JsonNode version = client.read("/").path("version");
    String number = version.path("number").asText("");
    if ("opensearch".equalsIgnoreCase(version.path("distribution").asText(""))) {
      return Optional.of("OpenSearch " + number + " has no data stream lifecycle");
    }
    if (!supports(number)) {
      return Optional.of(
          "Elasticsearch "
              + (number.isEmpty() ? "(version not reported)" : number)
              + " has no data stream lifecycle (it came with "
              + FIRST_MAJOR
              + "."
              + FIRST_MINOR
              + ")");
    }
    return Optional.empty();
  }

  /** True for 8.11 and later; false for anything that does not read as major.minor. */
  static boolean supports(String versionNumber) {
    String[] parts = versionNumber.split("[.-]");
    if (parts.length < 2) {
      return false;
    }
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = Integer.parseInt(parts[1]);
      return major > FIRST_MAJOR || (major == FIRST_MAJOR && minor >= FIRST_MINOR);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  public DataStreamLifecycleResult dryRun(DataStreamRetention retention) {
    return run(retention, true);
  }

  public DataStreamLifecycleResult apply(DataStreamRetention retention) {
    return run(retention, false);
  }

  private DataStreamLifecycleResult run(DataStreamRetention retention, boolean dryRun) {
    String path = DataStreamLifecycleBody.path(retention);
    ObjectNode desired = DataStreamLifecycleBody.of(retention);
    Stream found = read(retention);
    if (!found.exists()) {
      return new DataStreamLifecycleResult(
          retention.dataStream(), dryRun, Change.NOT_APPLICABLE, null);
    }
    Change change =
        Change.of(
            found.lifecycle() != null,
            found.lifecycle() != null && matches(found.lifecycle(), desired));
    DataStreamLifecycleResult result =
        new DataStreamLifecycleResult(
            retention.dataStream(),
            dryRun,
            change,
            found.lifecycle() == null
                ? null
                : found.lifecycle().path("data_retention").asText(null));
    if (!dryRun && change.writes()) {
      client.put(path, desired);
      Stream after = read(retention);
      if (after.lifecycle() == null || !matches(after.lifecycle(), desired)) {
        throw new LifecycleVerificationException(
            "after writing, GET "
                + path
                + " shows "
                + (!after.exists()
                    ? "no data stream"
                    : after.lifecycle() == null ? "no lifecycle" : after.lifecycle())
                + " instead of "
                + desired
                + ": another writer may manage it; retry, then look for one");
      }
    }
    return result;
  }

  /** Whether the data stream exists, and its lifecycle (null for none). */
  private record Stream(boolean exists, JsonNode lifecycle) {}

  private Stream read(DataStreamRetention retention) {
    JsonNode answer = client.readOrNull(DataStreamLifecycleBody.path(retention));
    if (answer != null) {
      for (JsonNode stream : answer.path("data_streams")) {
        if (retention.dataStream().equals(stream.path("name").asText())) {
          JsonNode lifecycle = stream.get("lifecycle");
          return new Stream(true, lifecycle == null || lifecycle.isNull() ? null : lifecycle);
        }
      }
    }
    return new Stream(false, null);
  }

  /**
   * Enabled (the default when absent) with the same retention; {@code 1d} and {@code 24h} compare
   * equal.
   */
  static boolean matches(JsonNode lifecycle, JsonNode desired) {
    if (!lifecycle.path("enabled").asBoolean(true)) {
      return false;
    }
    String want = desired.path("data_retention").asText();
    String have = lifecycle.path("data_retention").asText(null);
    Duration wantAge = LifecycleAge.parse(want);
    Duration haveAge = LifecycleAge.parse(have);
    return wantAge != null && haveAge != null
        ? wantAge.equals(haveAge)
        : Objects.equals(want, have);
  }
}
