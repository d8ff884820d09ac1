package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies an {@link IndexLifecycle} to Elasticsearch (6.8 and later) with ILM: the policy, a legacy
 * template that attaches it to new indices, the {@code index.lifecycle.name} setting on existing
 * indices, and its removal from indices under legal hold. Tested against Elasticsearch 6.8
 * (ElasticsearchIlmIT).
 */
public final class ElasticsearchIlm extends IndexLifecycleAdapter {
  private static final String LIFECYCLE_NAME = "index.lifecycle.name";

  private final SearchClient client;

  public ElasticsearchIlm(SearchTransport transport) {
    this.client = new SearchClient(transport);
  }

  @Override
  public SearchEngine engine() {
    return SearchEngine.Elasticsearch;
  }

  @Override
  protected LifecycleApplyResult run(IndexLifecycle lifecycle, boolean dryRun) {
    String policyId = Ownership.requireOwned(lifecycle.policyId());
    ObjectNode desiredPolicy = IlmPolicyBody.of(lifecycle);
    ObjectNode desiredTemplate = LegacyTemplateBody.of(lifecycle);

    JsonNode actualPolicy = readPolicy(lifecycle);
    JsonNode actualTemplate = readTemplate(lifecycle);
    Change policy =
        Change.of(
            actualPolicy != null,
            actualPolicy != null
                && CanonicalForm.ilmPolicy(desiredPolicy)
                    .equals(CanonicalForm.ilmPolicy(actualPolicy)));
    Change template =
        Change.of(
            actualTemplate != null,
            actualTemplate != null
                && CanonicalForm.legacyTemplate(desiredTemplate)
                    .equals(CanonicalForm.legacyTemplate(actualTemplate)));
    Set<String> held = LegalHolds.indicesWithAlias(client, lifecycle.legalHoldAlias());
    AttachmentPlan indices =
        AttachmentPlan.of(policyId, readIndexPolicies(lifecycle.indexPattern()), held);

    LifecycleApplyResult result =
        new LifecycleApplyResult(
            policyId,
            dryRun,
            policy,
            template,
            indices.attach(),
            indices.detachForLegalHold(),
            List.of(),
            indices.otherPolicy());
    if (!dryRun && result.changesAnything()) {
      // Detach first: a shorter min_age written below must never reach an index under legal hold.
      for (String batch : SearchPaths.batches(indices.detachForLegalHold())) {
        expectNoFailures(
            client.post("/" + batch + "/_ilm/remove", null), "POST /" + batch + "/_ilm/remove");
      }
      if (policy.writes()) {
        client.put(IlmPolicyBody.path(lifecycle), desiredPolicy);
      }
      if (template.writes()) {
        client.put(LegacyTemplateBody.path(lifecycle), desiredTemplate);
      }
      // Explicit index names, never the pattern: a wildcard would reach the held indices too.
      ObjectNode setting = Json.object().put(LIFECYCLE_NAME, policyId);
      for (String batch : SearchPaths.batches(indices.attach())) {
        client.put("/" + batch + "/_settings", setting);
      }
      verify(lifecycle, desiredPolicy, desiredTemplate, indices);
    }
    return result;
  }

  private JsonNode readPolicy(IndexLifecycle lifecycle) {
    JsonNode answer = client.readOrNull(IlmPolicyBody.path(lifecycle));
    return answer == null ? null : answer.get(lifecycle.policyId());
  }

  private JsonNode readTemplate(IndexLifecycle lifecycle) {
    // 6.8 answers 404 for a missing template (some versions answer 200 {}): both mean absent.
    JsonNode answer = client.readOrNull(LegacyTemplateBody.path(lifecycle) + "?flat_settings=true");
    return answer == null ? null : answer.get(LegacyTemplateBody.name(lifecycle));
  }

  /** Open indices matching the pattern (closed ones run no lifecycle) and the policy each runs. */
  private List<IndexPolicyState> readIndexPolicies(String pattern) {
    // Filtering on index.lifecycle.name alone would omit the indices without it; index.uuid lists
    // every index.
    JsonNode byIndex =
        client.read(
            "/"
                + SearchPaths.segment(pattern)
                + "/_settings/"
                + LIFECYCLE_NAME
                + ",index.uuid?flat_settings=true");
    List<IndexPolicyState> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry :
        (Iterable<Map.Entry<String, JsonNode>>) byIndex::fields) {
      JsonNode name = entry.getValue().path("settings").get(LIFECYCLE_NAME);
      out.add(
          new IndexPolicyState(
              entry.getKey(), name == null || name.asText().isEmpty() ? null : name.asText()));
    }
    return out;
  }

  private static void expectNoFailures(JsonNode answer, String request) {
    if (answer.path("has_failures").asBoolean(false)) {
      throw new LifecycleVerificationException(
          request
              + " could not remove the policy from "
              + answer.path("failed_indexes")
              + ": check those indices' ILM state (GET <index>/_ilm/explain), then retry");
    }
  }

  /** Reads back what was written. */
  private void verify(
      IndexLifecycle lifecycle,
      ObjectNode desiredPolicy,
      ObjectNode desiredTemplate,
      AttachmentPlan plan) {
    JsonNode policy = readPolicy(lifecycle);
    if (policy == null
        || !CanonicalForm.ilmPolicy(desiredPolicy).equals(CanonicalForm.ilmPolicy(policy))) {
      throw new LifecycleVerificationException(
          "after writing, GET "
              + IlmPolicyBody.path(lifecycle)
              + " shows "
              + (policy == null ? "no policy" : CanonicalForm.ilmPolicy(policy))
              + " instead of "
              + CanonicalForm.ilmPolicy(desiredPolicy)
              + ": another writer may manage it; retry, then look for one");
    }
    JsonNode template = readTemplate(lifecycle);
    if (template == null
        || !CanonicalForm.legacyTemplate(desiredTemplate)
            .equals(CanonicalForm.legacyTemplate(template))) {
      throw new LifecycleVerificationException(
          "after writing, GET "
              + LegacyTemplateBody.path(lifecycle)
              + " shows "
              + (template == null ? "no template" : CanonicalForm.legacyTemplate(template))
              + " instead of "
              + CanonicalForm.legacyTemplate(desiredTemplate)
              + ": another writer may manage it; retry");
    }
    List<String> wrong =
        plan.unmetBy(lifecycle.policyId(), readIndexPolicies(lifecycle.indexPattern()));
    if (!wrong.isEmpty()) {
      throw new LifecycleVerificationException(
          "after writing, the indices of "
              + lifecycle.indexPattern()
              + " are not as intended: "
              + String.join("; ", wrong)
              + ": retry; if it persists, look for another writer");
    }
  }
}
