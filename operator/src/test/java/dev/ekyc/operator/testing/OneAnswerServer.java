package dev.ekyc.operator.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server on a free loopback port that gives every request the same answer and
 * remembers the last request, for unit tests of HTTP clients (status mapping, headers sent) without
 * a real backend.
 */
public final class OneAnswerServer implements AutoCloseable {
  /** What the server received, as the client sent it. */
  public record Request(String method, String uri, String authorization, String body) {}

  private final HttpServer server;
  private final AtomicReference<Request> last = new AtomicReference<>();

  private OneAnswerServer(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          last.set(
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  public static OneAnswerServer answering(int status, String body) throws IOException {
    return new OneAnswerServer(status, body);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The last request, or null before the first. */
  public Request lastRequest() {
    return last.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
