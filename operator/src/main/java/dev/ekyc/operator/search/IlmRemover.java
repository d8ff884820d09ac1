package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Takes an ILM policy the operator owns off an Elasticsearch cluster: first off every index that
 * runs it (so no index is left pointing at a missing policy, and Elasticsearch accepts the delete),
 * then its template, then the policy. Only names with the operator's prefix are ever touched.
 */
public final class IlmRemover implements OwnedPolicyRemover {
  private final RemovalHttp http;

  public IlmRemover(SearchTransport transport) {
    this.http = new RemovalHttp(transport, "manage_ilm, manage_index_templates");
  }

  @Override
  public List<String> ownedPolicies(String prefix) {
    JsonNode all = http.read("/_ilm/policy");
    List<String> names = new ArrayList<>();
    all.fieldNames()
        .forEachRemaining(
            name -> {
              if (name.startsWith(prefix)) {
                names.add(name);
              }
            });
    names.sort(null);
    return names;
  }

  @Override
  public List<String> remove(String policyId) {
    OwnedPolicyRemover.requireOwned(policyId);
    List<String> indices = indicesRunning(policyId);
    for (String index : indices) {
      JsonNode answer =
          http.send(SearchRequest.post("/" + RemovalHttp.segment(index) + "/_ilm/remove", null));
      if (answer != null && answer.path("has_failures").asBoolean(false)) {
        throw new LifecycleRemovalException(
            "could not detach ILM policy "
                + policyId
                + " from index "
                + index
                + ": "
                + answer.path("failed_indexes")
                + "; check GET "
                + index
                + "/_ilm/explain, then retry");
      }
    }
    http.send(new SearchRequest("DELETE", "/_template/" + RemovalHttp.segment(policyId), null));
    http.send(new SearchRequest("DELETE", "/_ilm/policy/" + RemovalHttp.segment(policyId), null));
    return indices;
  }

  private List<String> indicesRunning(String policyId) {
    JsonNode byIndex = http.read("/_all/_settings/index.lifecycle.name?flat_settings=true");
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byIndex.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (policyId.equals(
          entry.getValue().path("settings").path("index.lifecycle.name").asText(null))) {
        out.add(entry.getKey());
      }
    }
    out.sort(null);
    return out;
  }
}
