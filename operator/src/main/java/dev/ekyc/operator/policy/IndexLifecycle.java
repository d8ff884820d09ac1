package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import java.time.Duration;

/**
 * An ILM (Elasticsearch) or ISM (OpenSearch) policy that deletes whole indices {@code deleteAfter}
 * after their creation, attached by a template to new indices and explicitly to existing ones.
 * {@code deleteAfter} is the retention plus the write window, so the newest document is always at
 * least the retention old.
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

  /**
   * Backing indices of a data stream (OpenSearch: ISM manages them, and must roll the stream over).
   */
  public boolean dataStream() {
    return indexPattern.startsWith(".ds-");
  }

  /** The data stream's name ({@code .ds-<name>-*}); null when the rule is not a data stream's. */
  public String dataStreamName() {
    return dataStream() && indexPattern.endsWith("-*")
        ? indexPattern.substring(".ds-".length(), indexPattern.length() - 2)
        : null;
  }

  @Override
  public String kind() {
    return engine == SearchEngine.OpenSearch ? "ISM" : "ILM";
  }

  @Override
  public String summary() {
    return kind()
        + " policy "
        + policyId
        + " on "
        + indexPattern
        + ": "
        + (dataStream()
            ? "roll the data stream over after "
                + DurationText.format(writeWindow)
                + ", delete backing"
                + " indices "
                + DurationText.format(deleteAfter.minus(writeWindow))
                + " after their rollover"
            : "delete indices " + DurationText.format(deleteAfter) + " after creation")
        + (legalHoldAlias == null ? "" : "; detached from indices with alias " + legalHoldAlias);
  }
}
