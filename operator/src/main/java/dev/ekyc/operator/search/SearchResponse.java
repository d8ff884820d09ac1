package dev.ekyc.operator.search;

/** The status and body of an answer from a search cluster. */
public record SearchResponse(int status, String body) {

  public boolean ok() {
    return status / 100 == 2;
  }
}
