package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request to a search cluster that failed. The message names the request, the status and what to
 * do; it is built from the method, the path and the server's error type and reason only, never from
 * headers, so it carries no credentials.
 */
public class SearchRequestException extends RuntimeException {
  private static final int MAX_REASON_CHARS = 300;
  private final String request;
  private final int status;

  public SearchRequestException(SearchRequest request, int status, String problem) {
    super(request.describe() + (status > 0 ? " answered HTTP " + status : "") + ": " + problem);
    this.request = request.describe();
    this.status = status;
  }

  /** The request as "METHOD /path". */
  public String request() {
    return request;
  }

  /** The HTTP status, or 0 when no answer came. */
  public int status() {
    return status;
  }

  static SearchRequestException forResponse(SearchRequest request, SearchResponse response) {
    return new SearchRequestException(
        request, response.status(), serverReason(response.body()) + advice(response.status()));
  }

  private static String advice(int status) {
    return switch (status) {
      case 400 ->
          "the server refused the request: check that the cluster is the version and engine the DataStore"
              + " names (ILM needs Elasticsearch 6.6 or later, ISM the OpenSearch index-management plugin)";
      case 401 ->
          "the cluster rejected the credentials: check the user name and password or API key in the Secret";
      case 403 ->
          "the user lacks a privilege for this request: grant it the cluster privileges manage_ilm and"
              + " manage_index_templates and the index privilege manage on the pattern (OpenSearch: the ISM"
              + " permissions cluster:admin/opendistro/ism/* and indices:admin/settings/update)";
      case 404 ->
          "not found: an index may have been deleted meanwhile, or the lifecycle API is missing"
              + " (Elasticsearch without ILM, OpenSearch without the index-management plugin); retry, then check the"
              + " cluster";
      case 409 ->
          "someone changed it at the same time: retry (the next attempt reads the current version)";
      case 429 -> "the cluster is overloaded: retry later";
      default ->
          status >= 500
              ? "the cluster failed to handle it: check its health and logs, then retry"
              : "unexpected answer: check the cluster and retry";
    };
  }

  /**
   * "type: reason; " from an Elasticsearch/OpenSearch error body, or nothing when there is none.
   */
  private static String serverReason(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode error = Json.MAPPER.readTree(body).path("error");
      String text =
          error.isTextual()
              ? error.asText()
              : (error.path("type").asText("") + ": " + error.path("reason").asText(""))
                  .replaceFirst("^: ", "");
      if (text.isBlank()) {
        return "";
      }
      text = text.lines().findFirst().orElse("");
      return (text.length() > MAX_REASON_CHARS
              ? text.substring(0, MAX_REASON_CHARS - 3) + "..."
              : text)
          + "; ";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
