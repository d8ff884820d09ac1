package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * An explicit acknowledgement, readable by an auditor, that a kind of copy outside the live store
 * may keep the rule's data longer than its promise (deleteWithin). Without one, a promise shorter
 * than a known copy is refused.
 */
public class AcceptedResidual {
  @Required
  @JsonPropertyDescription("The kind of copy: Binlog, OpenTransaction, Snapshots or Backups.")
  public ResidualKind kind;

  @Required
  @Size(min = 20, max = 512)
  @JsonPropertyDescription(
      "Why the copy is acceptable, for the auditor (at least 20 characters), e.g. 'binlog kept 7d for point-in-time"
          + " recovery, access restricted to the DBA team, see DPIA-12'.")
  public String reason;
}
