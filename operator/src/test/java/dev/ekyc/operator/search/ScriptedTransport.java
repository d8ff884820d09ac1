package dev.ekyc.operator.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers requests from a script keyed by "METHOD /path" and records every request. Several answers
 * for one key are given in turn, the last one repeating (so a GET can show one state before the
 * writes and another after). Unscripted requests get 404.
 */
final class ScriptedTransport implements SearchTransport {
  private final Map<String, Deque<SearchResponse>> answers = new HashMap<>();
  private final List<SearchRequest> requests = new ArrayList<>();

  /** Single quotes in {@code body} become double quotes, to keep the JSON in tests readable. */
  ScriptedTransport answer(String methodAndPath, int status, String body) {
    answers
        .computeIfAbsent(methodAndPath, k -> new ArrayDeque<>())
        .add(new SearchResponse(status, body.replace('\'', '"')));
    return this;
  }

  /** Replaces every answer scripted so far for {@code methodAndPath}. */
  ScriptedTransport override(String methodAndPath, int status, String body) {
    answers.remove(methodAndPath);
    return answer(methodAndPath, status, body);
  }

  @Override
  public SearchResponse send(SearchRequest request) {
    requests.add(request);
    Deque<SearchResponse> queue = answers.get(request.describe());
    if (queue == null) {
      return new SearchResponse(404, "{}");
    }
    return queue.size() > 1 ? queue.poll() : queue.peek();
  }

  List<SearchRequest> requests() {
    return requests;
  }

  List<String> writes() {
    return requests.stream().filter(SearchRequest::writes).map(SearchRequest::describe).toList();
  }

  SearchRequest last(String methodAndPath) {
    for (int i = requests.size() - 1; i >= 0; i--) {
      if (requests.get(i).describe().equals(methodAndPath)) {
        return requests.get(i);
      }
    }
    throw new AssertionError(
        "no request "
            + methodAndPath
            + " among "
            + requests.stream().map(SearchRequest::describe).toList());
  }
}
