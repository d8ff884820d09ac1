package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Takes an ISM policy the operator owns off an OpenSearch cluster: {@code _plugins/_ism/remove} on
 * every index that runs it (ISM would otherwise keep a job per index failing on a missing policy),
 * then deletes the policy, whose {@code ism_template} goes with it. Only names with the operator's
 * prefix are ever touched.
 */
public final class IsmRemover implements OwnedPolicyRemover {
  private static final String ISM = "/_plugins/_ism";

  /** The plugin pages both listings; 100 per page keeps each answer small. */
  private static final int DEFAULT_PAGE_SIZE = 100;

  /** How often the managed indices are listed for one removal (see {@link #remove}). */
  private static final int LISTINGS = 3;

  /**
   * What remove answers for an index whose policy went between our explain and our remove: fine.
   */
  private static final String NOTHING_TO_REMOVE = "does not have a policy to remove";

  private final RemovalHttp http;
  private final int pageSize;

  public IsmRemover(SearchTransport transport) {
    this(transport, DEFAULT_PAGE_SIZE);
  }

  /**
   * A small {@code pageSize} lets a test walk several pages of a real server with a few policies.
   */
  IsmRemover(SearchTransport transport, int pageSize) {
    this.pageSize = pageSize;
    this.http =
        new RemovalHttp(
            transport,
            "the ISM policy and managed-index permissions of the index-management" + " plugin");
  }

  @Override
  public List<String> ownedPolicies(String prefix) {
    TreeSet<String> names = new TreeSet<>();
    for (int from = 0; ; from += pageSize) {
      JsonNode page = http.read(ISM + "/policies?size=" + pageSize + "&from=" + from);
      JsonNode policies = page.path("policies");
      policies.forEach(
          p -> {
            String id = p.path("_id").asText("");
            if (id.startsWith(prefix)) {
              names.add(id);
            }
          });
      if (policies.size() < pageSize || from + pageSize >= page.path("total_policies").asInt(0)) {
        return new ArrayList<>(names);
      }
    }
  }

  @Override
  public List<String> remove(String policyId) {
    OwnedPolicyRemover.requireOwned(policyId);
    // The managed-index list is paged by offset: an index another client adds or removes meanwhile
    // can shift a
    // page and hide one of ours, so list again until a listing shows nothing new (bounded).
    TreeSet<String> removed = new TreeSet<>();
    for (int round = 0; round < LISTINGS; round++) {
      List<String> indices = indicesRunning(policyId);
      indices.removeAll(removed);
      if (indices.isEmpty()) {
        break;
      }
      for (String index : indices) {
        detach(policyId, index);
        removed.add(index);
      }
    }
    http.send(
        new SearchRequest("DELETE", ISM + "/policies/" + RemovalHttp.segment(policyId), null));
    return new ArrayList<>(removed);
  }

  private void detach(String policyId, String index) {
    JsonNode answer =
        http.send(SearchRequest.post(ISM + "/remove/" + RemovalHttp.segment(index), null));
    if (answer != null
        && answer.path("failures").asBoolean(false)
        && !answer.path("failed_indices").toString().contains(NOTHING_TO_REMOVE)) {
      throw new LifecycleRemovalException(
          "could not remove ISM policy "
              + policyId
              + " from index "
              + index
              + ": "
              + answer.path("failed_indices")
              + "; check GET "
              + ISM
              + "/explain/"
              + index
              + ", then retry");
    }
  }

  /**
   * The managed indices whose policy is {@code policyId}, from the plugin's paged list of managed
   * indices.
   */
  private List<String> indicesRunning(String policyId) {
    TreeSet<String> out = new TreeSet<>();
    for (int from = 0; ; from += pageSize) {
      JsonNode page = http.read(ISM + "/explain?size=" + pageSize + "&from=" + from);
      int entries = 0;
      for (Map.Entry<String, JsonNode> entry :
          (Iterable<Map.Entry<String, JsonNode>>) page::fields) {
        if (!entry.getValue().isObject()) {
          continue; // total_managed_indices
        }
        entries++;
        if (policyId.equals(entry.getValue().path("policy_id").asText(null))) {
          out.add(entry.getKey());
        }
      }
      if (entries < pageSize || from + pageSize >= page.path("total_managed_indices").asInt(0)) {
        return new ArrayList<>(out);
      }
    }
  }
}
