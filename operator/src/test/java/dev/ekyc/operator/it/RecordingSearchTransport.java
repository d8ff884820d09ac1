package dev.ekyc.operator.it;

import dev.ekyc.operator.search.SearchRequest;
import dev.ekyc.operator.search.SearchResponse;
import dev.ekyc.operator.search.SearchTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes requests on to a real cluster and records them, so a test can prove that an apply wrote
 * nothing, or exactly what. A hook can run just before a write reaches the cluster, to stage a
 * concurrent writer.
 */
final class RecordingSearchTransport implements SearchTransport {
  private final SearchTransport delegate;
  final List<SearchRequest> requests = new ArrayList<>();
  private Consumer<SearchRequest> beforeWrite = request -> {};

  RecordingSearchTransport(SearchTransport delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code hook} before every following write is sent. */
  void beforeEachWrite(Consumer<SearchRequest> hook) {
    this.beforeWrite = hook;
  }

  @Override
  public SearchResponse send(SearchRequest request) {
    requests.add(request);
    if (request.writes()) {
      beforeWrite.accept(request);
    }
    return delegate.send(request);
  }

  List<String> writes() {
    return requests.stream().filter(SearchRequest::writes).map(SearchRequest::describe).toList();
  }
}
