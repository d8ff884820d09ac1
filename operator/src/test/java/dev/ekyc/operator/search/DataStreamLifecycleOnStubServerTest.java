package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.probe.SearchAuth;
import dev.ekyc.operator.probe.StoreCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data stream lifecycle requests and comparison, over real HTTP, against a STUB server: no Elasticsearch
 * with data streams (8.11 or later) can run here (the newest full distribution on Maven Central is 6.8, which
 * has none). The stub answers {@code GET /}, {@code GET} and {@code PUT _data_stream/<name>/_lifecycle} in the
 * shapes of the Elasticsearch reference (a stream without lifecycle has no {@code lifecycle} field; a missing
 * stream is 404). The unsupported-version path runs against the real Elasticsearch 6.8 in DataStreamLifecycleIT.
 */
class DataStreamLifecycleOnStubServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DataStreamRetention LOGS = new DataStreamRetention("logs-app", Duration.ofDays(731),
      Duration.ofDays(1), Mechanism.Role.PRIMARY);

  private StubCluster stub;
  private ElasticsearchDataStreamLifecycle adapter;

  @BeforeEach
  void start() throws IOException {
    stub = new StubCluster("8.15.0");
    adapter = new ElasticsearchDataStreamLifecycle(new HttpSearchTransport(stub.url(),
        new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
  }

  @AfterEach
  void stop() {
    stub.close();
  }

  @Test
  void versionsFrom811Support() {
    assertThat(ElasticsearchDataStreamLifecycle.supports("8.11.0")).isTrue();
    assertThat(ElasticsearchDataStreamLifecycle.supports("8.15.3-SNAPSHOT")).isTrue();
    assertThat(ElasticsearchDataStreamLifecycle.supports("9.0.0")).isTrue();
    assertThat(ElasticsearchDataStreamLifecycle.supports("8.10.4")).isFalse();
    assertThat(ElasticsearchDataStreamLifecycle.supports("7.17.20")).isFalse();
    assertThat(ElasticsearchDataStreamLifecycle.supports("")).isFalse();
    assertThat(ElasticsearchDataStreamLifecycle.supports("eight")).isFalse();
    assertThat(adapter.unsupportedReason()).isEmpty();
  }

  @Test
  void aStreamWithoutLifecycleGetsItOnceAndADryRunWritesNothing() {
    stub.streams.put("logs-app", JSON.createObjectNode().put("name", "logs-app"));

    DataStreamLifecycleResult dry = adapter.dryRun(LOGS);
    assertThat(dry.lifecycle()).isEqualTo(Change.CREATED);
    assertThat(stub.writes()).isEmpty();

    DataStreamLifecycleResult applied = adapter.apply(LOGS);
    assertThat(applied.lifecycle()).isEqualTo(Change.CREATED);
    assertThat(stub.writes()).containsExactly("PUT /_data_stream/logs-app/_lifecycle {\"data_retention\":\"731d\"}");
    assertThat(stub.streams.get("logs-app").path("lifecycle").path("data_retention").asText()).isEqualTo("731d");

    assertThat(adapter.apply(LOGS).lifecycle()).isEqualTo(Change.UNCHANGED);
    assertThat(stub.writes()).hasSize(1);
  }

  @Test
  void aChangedOrDisabledLifecycleIsUpdatedAndAnEqualDurationIsNot() {
    stub.streams.put("logs-app", stream("{\"enabled\":true,\"data_retention\":\"17544h\"}"));
    assertThat(adapter.apply(LOGS).lifecycle()).as("17544h is 731d").isEqualTo(Change.UNCHANGED);

    stub.streams.put("logs-app", stream("{\"enabled\":true,\"data_retention\":\"1d\"}"));
    DataStreamLifecycleResult shorter = adapter.apply(LOGS);
    assertThat(shorter.lifecycle()).isEqualTo(Change.UPDATED);
    assertThat(shorter.found()).isEqualTo("1d");

    stub.streams.put("logs-app", stream("{\"enabled\":false,\"data_retention\":\"731d\"}"));
    assertThat(adapter.dryRun(LOGS).lifecycle()).as("disabled").isEqualTo(Change.UPDATED);
    adapter.apply(LOGS);
    assertThat(stub.streams.get("logs-app").path("lifecycle").path("enabled").asBoolean(true)).isTrue();
    assertThat(stub.writes()).hasSize(2);
  }

  @Test
  void aMissingStreamIsNotWritten() {
    DataStreamLifecycleResult result = adapter.apply(LOGS);
    assertThat(result.streamExists()).isFalse();
    assertThat(result.changesAnything()).isFalse();
    assertThat(stub.writes()).isEmpty();
  }

  @Test
  void aWriteThatDoesNotStickFailsVerification() {
    stub.streams.put("logs-app", JSON.createObjectNode().put("name", "logs-app"));
    stub.ignoreWrites = true;
    assertThatThrownBy(() -> adapter.apply(LOGS)).isInstanceOf(LifecycleVerificationException.class)
        .hasMessageContaining("GET /_data_stream/logs-app/_lifecycle shows no lifecycle");
  }

  @Test
  void anOlderClusterIsReportedAsUnsupported() throws IOException {
    try (StubCluster old = new StubCluster("8.10.4")) {
      var older = new ElasticsearchDataStreamLifecycle(new HttpSearchTransport(old.url(),
          new StoreCredentials.Search(new SearchAuth.None(), Optional.empty())));
      assertThat(older.unsupportedReason()).hasValueSatisfying(reason ->
          assertThat(reason).contains("Elasticsearch 8.10.4", "8.11"));
    }
  }

  private static ObjectNode stream(String lifecycle) {
    try {
      ObjectNode node = JSON.createObjectNode().put("name", "logs-app");
      node.set("lifecycle", JSON.readTree(lifecycle));
      return node;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Data streams by name, answering the three requests the adapter makes; records every write. */
  private static final class StubCluster implements AutoCloseable {
    final Map<String, ObjectNode> streams = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    volatile boolean ignoreWrites;
    private final HttpServer server;

    StubCluster(String version) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
        if (path.equals("/")) {
          answer(exchange, 200, "{\"version\":{\"number\":\"" + version + "\",\"build_flavor\":\"default\"}}");
          return;
        }
        String[] parts = path.split("/"); // "", "_data_stream", name, "_lifecycle"
        ObjectNode stream = parts.length == 4 ? streams.get(parts[2]) : null;
        if (stream == null) {
          answer(exchange, 404, "{\"error\":{\"type\":\"index_not_found_exception\"},\"status\":404}");
        } else if (exchange.getRequestMethod().equals("PUT")) {
          if (!ignoreWrites) {
            ObjectNode lifecycle = (ObjectNode) JSON.readTree(body);
            lifecycle.put("enabled", true);
            stream.set("lifecycle", lifecycle);
          }
          answer(exchange, 200, "{\"acknowledged\":true}");
        } else {
          answer(exchange, 200, "{\"data_streams\":[" + stream + "]}");
        }
      });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> writes() {
      return requests.stream().filter(r -> r.startsWith("PUT")).toList();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
