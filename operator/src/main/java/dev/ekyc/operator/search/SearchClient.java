package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads and writes JSON over a {@link SearchTransport}, turning every unexpected status into an
 * exception.
 */
final class SearchClient {
  private final SearchTransport transport;

  SearchClient(SearchTransport transport) {
    this.transport = transport;
  }

  /** The answer of a GET, or null on 404 (absent). */
  JsonNode readOrNull(String path) {
    SearchRequest request = SearchRequest.get(path);
    SearchResponse response = transport.send(request);
    if (response.status() == 404) {
      return null;
    }
    return expectOk(request, response);
  }

  JsonNode read(String path) {
    SearchRequest request = SearchRequest.get(path);
    return expectOk(request, transport.send(request));
  }

  JsonNode put(String path, JsonNode body) {
    SearchRequest request = SearchRequest.put(path, Json.text(body));
    return expectOk(request, transport.send(request));
  }

  JsonNode post(String path, JsonNode body) {
    SearchRequest request = SearchRequest.post(path, body == null ? null : Json.text(body));
    return expectOk(request, transport.send(request));
  }

  private static JsonNode expectOk(SearchRequest request, SearchResponse response) {
    if (!response.ok()) {
      throw SearchRequestException.forResponse(request, response);
    }
    return Json.parse(request, response);
  }
}
