package dev.ekyc.operator.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ekyc.operator.search.SearchRequest;
import dev.ekyc.operator.search.SearchResponse;
import dev.ekyc.operator.search.SearchTransport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Takes an ILM policy the operator owns off an Elasticsearch cluster: first off every index that runs it (so no
 * index is left pointing at a missing policy, and Elasticsearch accepts the delete), then its template, then the
 * policy. Only names with the operator's prefix are ever touched. Removing a lifecycle can only keep indices
 * longer, never delete one.
 */
final class IlmRemover {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SearchTransport transport;

  IlmRemover(SearchTransport transport) {
    this.transport = transport;
  }

  /** Names of ILM policies on the cluster that start with {@code prefix}. */
  List<String> ownedPolicies(String prefix) {
    JsonNode all = read("/_ilm/policy");
    List<String> names = new ArrayList<>();
    all.fieldNames().forEachRemaining(name -> {
      if (name.startsWith(prefix)) {
        names.add(name);
      }
    });
    names.sort(null);
    return names;
  }

  /** Detaches, then deletes template and policy; returns the indices it detached. */
  List<String> remove(String policyId) {
    if (!policyId.startsWith(dev.ekyc.operator.search.Ownership.PREFIX)) {
      throw new IllegalArgumentException(policyId + " is not the operator's: refusing to remove it");
    }
    List<String> indices = indicesRunning(policyId);
    for (String index : indices) {
      JsonNode answer = send(SearchRequest.post("/" + segment(index) + "/_ilm/remove", null));
      if (answer != null && answer.path("has_failures").asBoolean(false)) {
        throw new EnforcementException("could not detach ILM policy " + policyId + " from index " + index + ": "
            + answer.path("failed_indexes") + "; check GET " + index + "/_ilm/explain, then retry");
      }
    }
    send(new SearchRequest("DELETE", "/_template/" + segment(policyId), null));
    send(new SearchRequest("DELETE", "/_ilm/policy/" + segment(policyId), null));
    return indices;
  }

  private List<String> indicesRunning(String policyId) {
    JsonNode byIndex = read("/_all/_settings/index.lifecycle.name?flat_settings=true");
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byIndex.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (policyId.equals(entry.getValue().path("settings").path("index.lifecycle.name").asText(null))) {
        out.add(entry.getKey());
      }
    }
    out.sort(null);
    return out;
  }

  private JsonNode read(String path) {
    JsonNode answer = send(SearchRequest.get(path));
    return answer == null ? JSON.createObjectNode() : answer;
  }

  /** The parsed answer, null on 404 (already gone); any other failure is an error naming the request. */
  private JsonNode send(SearchRequest request) {
    SearchResponse response = transport.send(request);
    if (response.status() == 404) {
      return null;
    }
    if (!response.ok()) {
      throw new EnforcementException(request.describe() + " answered HTTP " + response.status()
          + ": check the credentials' privileges (manage_ilm, manage_index_templates), then retry");
    }
    try {
      return response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
          : JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new EnforcementException(request.describe() + " answered something that is not JSON", e);
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
