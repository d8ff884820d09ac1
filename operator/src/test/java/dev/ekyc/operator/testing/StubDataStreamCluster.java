package dev.ekyc.operator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A STUB of an Elasticsearch 8.11+ cluster's data stream lifecycle API, over real HTTP on a free
 * loopback port, for the tests that cannot have a real one (no Elasticsearch with data streams runs
 * offline here). It answers {@code GET /} with the given version, and {@code GET}/{@code PUT
 * _data_stream/<name>/_lifecycle} in the shapes of the Elasticsearch reference (a stream without
 * lifecycle has no {@code lifecycle} field; a missing stream is 404).
 */
public final class StubDataStreamCluster implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final Map<String, ObjectNode> streams = new ConcurrentHashMap<>();
  public final List<String> requests = new CopyOnWriteArrayList<>();

  /** When set, PUTs are acknowledged but change nothing (a write that does not stick). */
  public volatile boolean ignoreWrites;

  private final HttpServer server;

  public StubDataStreamCluster(String version) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = exchange.getRequestURI().getPath();
          requests.add(
              exchange.getRequestMethod() + " " + path + (body.isEmpty() ? "" : " " + body));
          if (path.equals("/")) {
            answer(
                exchange,
                200,
                "{\"version\":{\"number\":\"" + version + "\",\"build_flavor\":\"default\"}}");
            return;
          }
          String[] parts = path.split("/"); // "", "_data_stream", name, "_lifecycle"
          ObjectNode stream = parts.length == 4 ? streams.get(parts[2]) : null;
          if (stream == null) {
            answer(
                exchange,
                404,
                "{\"error\":{\"type\":\"index_not_found_exception\"},\"status\":404}");
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

  public static ObjectNode withoutLifecycle(String name) {
    return JSON.createObjectNode().put("name", name);
  }

  public static ObjectNode withLifecycle(String name, String lifecycleJson) {
    try {
      ObjectNode node = withoutLifecycle(name);
      node.set("lifecycle", JSON.readTree(lifecycleJson));
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<String> writes() {
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
