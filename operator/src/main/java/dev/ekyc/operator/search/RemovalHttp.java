package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * JSON requests of the removers: 404 means already gone; any other failure is an error naming the
 * request and the privileges the credentials need.
 */
public final class RemovalHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SearchTransport transport;
  private final String privileges;

  RemovalHttp(SearchTransport transport, String privileges) {
    this.transport = transport;
    this.privileges = privileges;
  }

  /** The answer of a GET; an empty object on 404. */
  JsonNode read(String path) {
    JsonNode answer = send(SearchRequest.get(path));
    return answer == null ? JSON.createObjectNode() : answer;
  }

  /** The parsed answer, null on 404. */
  JsonNode send(SearchRequest request) {
    SearchResponse response = transport.send(request);
    if (response.status() == 404) {
      return null;
    }
    if (!response.ok()) {
      throw new LifecycleRemovalException(
          request.describe()
              + " answered HTTP "
              + response.status()
              + ": check the credentials' privileges ("
              + privileges
              + "), then retry");
    }
    try {
      return response.body() == null || response.body().isBlank()
          ? JSON.createObjectNode()
          : JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new LifecycleRemovalException(
          request.describe() + " answered something that is not JSON", e);
    }
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
