package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies an {@link IndexLifecycle} to OpenSearch with ISM: the policy (its {@code ism_template}
 * attaches it to new indices), {@code _ism/add} for existing indices, {@code _ism/remove} for those
 * under legal hold, and {@code _ism/change_policy} so that indices already managed run the updated
 * version (ISM keeps each index on the version it started with).
 *
 * <p>Tested against OpenSearch 2.19 with the index-management plugin (OpenSearchIsmIT);
 * OpenSearchIsmTest checks the request sequence and bodies against scripted answers shaped after
 * that server's.
 */
public final class OpenSearchIsm extends IndexLifecycleAdapter {
  private static final String ISM = "/_plugins/_ism";

  private final SearchClient client;
  private final int verifyReads;
  private final Duration verifyPause;

  /**
   * ISM's explain reads its own config index, which refreshes once a second: an add or remove shows
   * there only after up to about a second (measured 0.6 s on 2.19). Ten reads half a second apart
   * ride that out.
   */
  public OpenSearchIsm(SearchTransport transport) {
    this(transport, 10, Duration.ofMillis(500));
  }

  public OpenSearchIsm(SearchTransport transport, int verifyReads, Duration verifyPause) {
    if (verifyReads < 1) {
      throw new IllegalArgumentException("verifyReads must be at least 1, got " + verifyReads);
    }
    this.client = new SearchClient(transport);
    this.verifyReads = verifyReads;
    this.verifyPause = verifyPause;
  }

  @Override
  public SearchEngine engine() {
    return SearchEngine.OpenSearch;
  }

  @Override
  protected LifecycleApplyResult run(IndexLifecycle lifecycle, boolean dryRun) {
    String policyId = Ownership.requireOwned(lifecycle.policyId());
    ObjectNode desired = IsmPolicyBody.of(lifecycle);
    JsonNode actual = client.readOrNull(IsmPolicyBody.path(lifecycle));
    Change policy =
        Change.of(
            actual != null,
            actual != null
                && CanonicalForm.ismPolicy(desired).equals(CanonicalForm.ismPolicy(actual)));
    AttachmentPlan indices =
        AttachmentPlan.of(
            policyId,
            explain(lifecycle.indexPattern()),
            LegalHolds.indicesWithAlias(client, lifecycle.legalHoldAlias()));
    List<String> moved = policy == Change.UPDATED ? indices.alreadyAttached() : List.of();

    LifecycleApplyResult result =
        new LifecycleApplyResult(
            policyId,
            dryRun,
            policy,
            Change.NOT_APPLICABLE,
            indices.attach(),
            indices.detachForLegalHold(),
            moved,
            indices.otherPolicy());
    if (!dryRun && result.changesAnything()) {
      // Detach first: a shorter min_index_age written below must never reach an index under legal
      // hold.
      for (String batch : SearchPaths.batches(indices.detachForLegalHold())) {
        String remove = ISM + "/remove/" + batch;
        expectNoFailures(client.post(remove, null), "POST " + remove);
      }
      if (policy == Change.CREATED) {
        client.put(IsmPolicyBody.path(lifecycle), desired);
      } else if (policy == Change.UPDATED) {
        client.put(
            IsmPolicyBody.path(lifecycle) + "?" + concurrencyGuard(actual, lifecycle), desired);
      }
      // Explicit index names, never the pattern: a wildcard would reach the held indices too.
      ObjectNode policyRef = Json.object().put("policy_id", policyId);
      for (String batch : SearchPaths.batches(indices.attach())) {
        expectNoFailures(
            client.post(ISM + "/add/" + batch, policyRef), "POST " + ISM + "/add/" + batch);
      }
      for (String batch : SearchPaths.batches(moved)) {
        expectNoFailures(
            client.post(ISM + "/change_policy/" + batch, policyRef),
            "POST " + ISM + "/change_policy/" + batch);
      }
      verify(lifecycle, desired, indices);
    }
    return result;
  }

  /**
   * ISM refuses a plain PUT over an existing policy; the sequence number and primary term of the
   * version we compared against make the update fail with 409 if someone changed it since, instead
   * of overwriting blindly.
   */
  static String concurrencyGuard(JsonNode current, IndexLifecycle lifecycle) {
    JsonNode seqNo = current.get("_seq_no");
    JsonNode term = current.get("_primary_term");
    if (seqNo == null || !seqNo.canConvertToLong() || term == null || !term.canConvertToLong()) {
      throw new LifecycleVerificationException(
          "GET "
              + IsmPolicyBody.path(lifecycle)
              + " gave no _seq_no and"
              + " _primary_term, which an update needs: is the index-management plugin 1.0 or later?");
    }
    return "if_seq_no=" + seqNo.asLong() + "&if_primary_term=" + term.asLong();
  }

  /** Every index matching the pattern with the ISM policy it runs (null for none). */
  private List<IndexPolicyState> explain(String pattern) {
    // Explain refuses a pattern that matches no index (HTTP 400 "no documents to get"), which is
    // the normal
    // state before the first index exists: ask the core API first, which answers {} (or 404 for a
    // plain name).
    JsonNode existing =
        client.readOrNull("/" + SearchPaths.segment(pattern) + "/_settings/index.uuid");
    if (existing == null || existing.isEmpty()) {
      return List.of();
    }
    JsonNode byIndex = client.read(ISM + "/explain/" + SearchPaths.segment(pattern));
    List<IndexPolicyState> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry :
        (Iterable<Map.Entry<String, JsonNode>>) byIndex::fields) {
      if (!entry.getValue().isObject()) {
        continue; // total_managed_indices
      }
      JsonNode id = entry.getValue().get("index.plugins.index_state_management.policy_id");
      if (id == null || id.isNull()) {
        id = entry.getValue().get("policy_id");
      }
      out.add(new IndexPolicyState(entry.getKey(), id == null || id.isNull() ? null : id.asText()));
    }
    return out;
  }

  private static void expectNoFailures(JsonNode answer, String request) {
    if (answer.path("failures").asBoolean(false)) {
      throw new LifecycleVerificationException(
          request
              + " failed for "
              + answer.path("failed_indices")
              + ": check those indices with GET _plugins/_ism/explain/<index>, then retry");
    }
  }

  private void verify(IndexLifecycle lifecycle, ObjectNode desired, AttachmentPlan plan) {
    JsonNode policy = client.readOrNull(IsmPolicyBody.path(lifecycle));
    if (policy == null
        || !CanonicalForm.ismPolicy(desired).equals(CanonicalForm.ismPolicy(policy))) {
      throw new LifecycleVerificationException(
          "after writing, GET "
              + IsmPolicyBody.path(lifecycle)
              + " shows "
              + (policy == null ? "no policy" : CanonicalForm.ismPolicy(policy))
              + " instead of "
              + CanonicalForm.ismPolicy(desired)
              + ": another writer may manage it; retry, then look for one");
    }
    List<String> wrong = plan.unmetBy(lifecycle.policyId(), explain(lifecycle.indexPattern()));
    for (int read = 2; read <= verifyReads && !wrong.isEmpty(); read++) {
      pause(lifecycle);
      wrong = plan.unmetBy(lifecycle.policyId(), explain(lifecycle.indexPattern()));
    }
    if (!wrong.isEmpty()) {
      throw new LifecycleVerificationException(
          "after writing, the indices of "
              + lifecycle.indexPattern()
              + " are not as intended: "
              + String.join("; ", wrong)
              + ": retry; if it persists, look for another writer");
    }
  }

  private void pause(IndexLifecycle lifecycle) {
    try {
      Thread.sleep(verifyPause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LifecycleVerificationException(
          "interrupted while verifying the ISM attachments of "
              + lifecycle.indexPattern()
              + ": apply again to verify them");
    }
  }
}
