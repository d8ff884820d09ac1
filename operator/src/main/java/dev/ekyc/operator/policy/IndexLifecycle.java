package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import java.time.Duration;

/**
 * An ILM (Elasticsearch) or ISM (OpenSearch) policy that deletes whole indices {@code deleteAfter} after their
 * creation, attached by a template to new indices and explicitly to existing ones. {@code deleteAfter} is the
 * retention plus the write window, so the newest document is always at least the retention old.
 */
public record IndexLifecycle(
    SearchEngine engine,
    String policyId,
    String indexPattern,
    Duration deleteAfter,
    Duration writeWindow,
    String legalHoldAlias,
    Role role)
    implements NativeMechanism {

  @Override
  public String kind() {
    return engine == SearchEngine.OpenSearch ? "ISM" : "ILM";
  }

  @Override
  public String summary() {
    return kind() + " policy " + policyId + " on " + indexPattern + ": delete indices "
        + DurationText.format(deleteAfter) + " after creation"
        + (legalHoldAlias == null ? "" : "; detached from indices with alias " + legalHoldAlias);
  }
}
