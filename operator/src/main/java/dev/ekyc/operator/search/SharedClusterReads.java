package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A read-only view of one search cluster whose answers are shared by the checks of a store's
 * policies: each GET is sent once, and the single-policy reads of Elasticsearch ({@code GET
 * /_ilm/policy/<id>}, {@code GET /_template/<owned name>?flat_settings=true}) are answered from one
 * listing of all ILM policies and one listing of the store's owned templates. So a drift cycle over
 * many policies lists the cluster's policies and templates once instead of reading them once per
 * policy. Answers are as old as the first read: the owner decides how long they may be used, and
 * must check again with a fresh transport before writing anything (writes are refused here).
 */
public final class SharedClusterReads implements SearchTransport {
  private static final String ILM_POLICY = "/_ilm/policy/";
  private static final String TEMPLATE = "/_template/";
  private static final String FLAT = "?flat_settings=true";

  private final SearchTransport cluster;
  private final String ownedPrefix;
  private final Map<String, SearchResponse> answers = new HashMap<>();
  private int sent;

  /**
   * {@code ownedPrefix}: the store's owned-name prefix; only templates under it are answered from a
   * listing.
   */
  public SharedClusterReads(SearchTransport cluster, String ownedPrefix) {
    this.cluster = cluster;
    this.ownedPrefix = ownedPrefix;
  }

  @Override
  public synchronized SearchResponse send(SearchRequest request) {
    if (request.writes()) {
      throw new IllegalStateException(
          "shared reads never write ("
              + request.describe()
              + "): check again with"
              + " the cluster's own transport first");
    }
    String path = request.path();
    if (path.startsWith(ILM_POLICY) && plainName(path.substring(ILM_POLICY.length()))) {
      return fromListing("/_ilm/policy", path.substring(ILM_POLICY.length()), path);
    }
    if (path.startsWith(TEMPLATE) && path.endsWith(FLAT)) {
      String name = path.substring(TEMPLATE.length(), path.length() - FLAT.length());
      if (plainName(name) && name.startsWith(ownedPrefix) && plainName(ownedPrefix)) {
        return fromListing(TEMPLATE + ownedPrefix + "*" + FLAT, name, path);
      }
    }
    return once(path);
  }

  /** Requests sent to the cluster so far (for tests and benchmarks). */
  public synchronized int sent() {
    return sent;
  }

  private SearchResponse once(String path) {
    SearchResponse answer = answers.get(path);
    if (answer == null) {
      answer = cluster.send(SearchRequest.get(path));
      sent++;
      answers.put(path, answer);
    }
    return answer;
  }

  /**
   * One entry of a listing, shaped like the single read's answer ({@code {"<name>": {...}}});
   * absent: 404 as the single read answers. A listing that failed is not interpreted: the single
   * read is sent, so errors read as before.
   */
  private SearchResponse fromListing(String listingPath, String name, String singlePath) {
    SearchResponse listing = once(listingPath);
    if (listing.status() == 404) {
      return new SearchResponse(404, "{}");
    }
    if (!listing.ok()) {
      return once(singlePath);
    }
    JsonNode entry = Json.parse(SearchRequest.get(listingPath), listing).get(name);
    if (entry == null) {
      return new SearchResponse(404, "{}");
    }
    ObjectNode single = Json.object();
    single.set(name, entry);
    return new SearchResponse(200, Json.text(single));
  }

  /** One name as sent, nothing to decode or expand: no list, wildcard, escape or query. */
  private static boolean plainName(String name) {
    return !name.isEmpty()
        && name.chars()
            .allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.');
  }
}
