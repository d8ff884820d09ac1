package dev.ekyc.operator.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the package, and parsing that names the request whose answer was not JSON.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array(String... values) {
    ArrayNode array = MAPPER.createArrayNode();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }

  static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise JSON: " + e.getOriginalMessage(), e);
    }
  }

  static JsonNode parse(SearchRequest request, SearchResponse response) {
    String body = response.body();
    if (body == null || body.isBlank()) {
      return object();
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new SearchRequestException(
          request,
          response.status(),
          "the answer is not JSON ("
              + e.getOriginalMessage()
              + "): is the endpoint an Elasticsearch/OpenSearch node, not a proxy page?");
    }
  }
}
