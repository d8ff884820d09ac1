package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A copy of the rule's data outside the live store, next to the live worst case. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResidualStatus {
  @JsonPropertyDescription("binlog, open-transaction, snapshots or backups.")
  public String kind;

  @JsonPropertyDescription(
      "Read (from the store), Declared (spec.backups), Absent, or Unknown (could not be read).")
  public String state;

  @JsonPropertyDescription(
      "How long the copy may outlive the live data, e.g. 7d; empty when unbounded or unknown.")
  public String bound;

  @JsonPropertyDescription("One line, e.g. 'binlog ≤ 7d (binlog_expire_logs_seconds=604800)'.")
  public String text;

  @JsonPropertyDescription("Where the figure came from and what changes it.")
  public String note;

  @JsonPropertyDescription("True when the rule's acceptedResiduals acknowledges this kind.")
  public Boolean accepted;

  @JsonPropertyDescription(
      "True when the copy may outlive the rule's shortest promise and is not acknowledged.")
  public Boolean breaksPromise;
}
