package dev.ekyc.operator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Alertmanager webhook receiver (a JDK HTTP server): keeps every alert of every notification it
 * is sent.
 */
public final class WebhookReceiver implements AutoCloseable {
  /** One alert of a notification: its status (firing, resolved), labels and annotations. */
  public record Alert(String status, Map<String, String> labels, Map<String, String> annotations) {
    public String name() {
      return labels.get("alertname");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final List<Alert> alerts = new CopyOnWriteArrayList<>();

  public WebhookReceiver() throws IOException {
    server =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            for (JsonNode alert : body.path("alerts")) {
              alerts.add(
                  new Alert(
                      alert.path("status").asText(),
                      strings(alert.path("labels")),
                      strings(alert.path("annotations"))));
            }
            exchange.sendResponseHeaders(200, -1);
          } catch (IOException e) {
            exchange.sendResponseHeaders(400, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  private static Map<String, String> strings(JsonNode node) {
    return JSON.convertValue(
        node, new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  public List<Alert> alerts() {
    return List.copyOf(alerts);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
