package dev.ekyc.operator.search;

/**
 * Sends requests to one search cluster. Separate from the adapters so that tests can script the
 * answers of a server they do not have (OpenSearch with ISM).
 */
public interface SearchTransport {

  /**
   * Returns the answer whatever its status; throws {@link SearchRequestException} only when no
   * answer came (network, TLS, timeout).
   */
  SearchResponse send(SearchRequest request);
}
