package dev.ekyc.operator.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A plain HTTP reverse proxy for the benchmarks that counts the requests passing through it by kind
 * (method and S3 sub-resource, e.g. {@code GET ?lifecycle}). It sits between the operator and a
 * test server, so the operator runs unchanged and the count is what the server would see. Needs a
 * server that does not check the request signature against the Host header (moto does not).
 */
final class CountingHttpProxy implements AutoCloseable {
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "transfer-encoding",
          "keep-alive");

  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI target;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final java.util.function.BiFunction<String, URI, String> kinds;

  private CountingHttpProxy(URI target, java.util.function.BiFunction<String, URI, String> kinds)
      throws IOException {
    this.target = target;
    this.kinds = kinds;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  static CountingHttpProxy to(URI target) throws IOException {
    return new CountingHttpProxy(target, (method, uri) -> kind(method, uri.getRawQuery()));
  }

  /** A proxy to a search cluster, counting by {@link #searchKind}. */
  static CountingHttpProxy toSearch(URI target) throws IOException {
    return new CountingHttpProxy(target, (method, uri) -> searchKind(method, uri.getRawPath()));
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The counts so far by kind, sorted; {@link #reset} starts them again. */
  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  long count(String kind) {
    LongAdder adder = counts.get(kind);
    return adder == null ? 0 : adder.sum();
  }

  void reset() {
    counts.clear();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      counts
          .computeIfAbsent(kinds.apply(exchange.getRequestMethod(), uri), k -> new LongAdder())
          .increment();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(
                  target.resolve(
                      uri.getRawPath()
                          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
              .timeout(Duration.ofSeconds(60))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))
                    && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      boolean empty = answer.length == 0 || "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * "GET ?lifecycle", "PUT ?lifecycle", "GET" (a listing or object), ...: the method and the S3
   * sub-resource.
   */
  static String kind(String method, String query) {
    if (query == null || query.isEmpty()) {
      return method;
    }
    String first = query.split("&")[0];
    int eq = first.indexOf('=');
    return method + " ?" + (eq < 0 ? first : first.substring(0, eq));
  }

  /**
   * "GET /_ilm/policy" (the listing), "GET /_ilm/policy/{name}", "GET /{name}/_settings/{name}",
   * ...: the method and the path with every name (a segment neither starting with '_' nor an API
   * word) replaced by {name}.
   */
  static String searchKind(String method, String path) {
    Set<String> apiWords =
        Set.of("policy", "policies", "explain", "remove", "add", "change_policy");
    StringBuilder shape = new StringBuilder(method).append(' ');
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        shape
            .append('/')
            .append(segment.startsWith("_") || apiWords.contains(segment) ? segment : "{name}");
      }
    }
    return shape.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
