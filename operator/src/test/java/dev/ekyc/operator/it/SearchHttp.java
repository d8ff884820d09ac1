package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for Elasticsearch/OpenSearch test setup and for reading back what the cluster
 * really holds, independent of the code under test. Single quotes in bodies become double quotes,
 * to keep JSON in tests readable.
 */
final class SearchHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  SearchHttp(String url) {
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** One shard, no replica (single-node clusters), optionally with an alias. */
  void createIndex(String name, String alias) {
    put(
        "/" + name,
        "{'settings':{'number_of_shards':1,'number_of_replicas':0}"
            + (alias == null ? "" : ",'aliases':{'" + alias + "':{}}")
            + "}");
  }

  /** The index's index.lifecycle.name, or null when it has none. */
  String lifecycleName(String index) {
    JsonNode name =
        get("/" + index + "/_settings?flat_settings=true")
            .path(index)
            .path("settings")
            .get("index.lifecycle.name");
    return name == null ? null : name.asText();
  }

  /** The index's creation time (the servers run on this machine, so their clock is ours). */
  long creationDate(String index) {
    return get("/" + index + "/_settings?flat_settings=true")
        .path(index)
        .path("settings")
        .path("index.creation_date")
        .asLong();
  }

  JsonNode get(String path) {
    HttpResponse<String> response = send("GET", path, null);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return parse("GET " + path, response.body());
  }

  int status(String path) {
    return send("GET", path, null).statusCode();
  }

  JsonNode put(String path, String body) {
    HttpResponse<String> response = send("PUT", path, body.replace('\'', '"'));
    assertThat(response.statusCode()).as("PUT %s: %s", path, response.body()).isBetween(200, 201);
    return parse("PUT " + path, response.body());
  }

  JsonNode post(String path, String body) {
    HttpResponse<String> response =
        send("POST", path, body == null ? null : body.replace('\'', '"'));
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
    return parse("POST " + path, response.body());
  }

  /** Deletes without checking the answer: for clean-up of what may already be gone. */
  void delete(String path) {
    send("DELETE", path, null);
  }

  HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static JsonNode parse(String request, String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(request + " answered no JSON: " + body, e);
    }
  }
}
