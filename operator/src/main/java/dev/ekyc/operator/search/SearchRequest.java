package dev.ekyc.operator.search;

import java.util.Objects;

/** One HTTP request to a search cluster: method, path (with query) and an optional JSON body. */
public record SearchRequest(String method, String path, String body) {

  public SearchRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a search request path starts with '/': " + path);
    }
  }

  public static SearchRequest get(String path) {
    return new SearchRequest("GET", path, null);
  }

  public static SearchRequest put(String path, String body) {
    return new SearchRequest("PUT", path, body);
  }

  public static SearchRequest post(String path, String body) {
    return new SearchRequest("POST", path, body);
  }

  public boolean writes() {
    return !"GET".equals(method) && !"HEAD".equals(method);
  }

  /**
   * For messages: method and path only, never a header or the endpoint (which may embed user info).
   */
  public String describe() {
    return method + " " + path;
  }
}
