package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last deletion run of a policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSummary {
  @JsonPropertyDescription("When the run started (RFC 3339).")
  public String startTime;

  @JsonPropertyDescription("When the run finished (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription("Succeeded, Failed, CapReached or Audited (nothing deleted).")
  public String result;

  @JsonPropertyDescription(
      "Objects, rows or indices deleted (in Audit mode: that would have been deleted).")
  public Long deleted;

  @JsonPropertyDescription("Rows whose sensitive columns were erased.")
  public Long erased;

  @JsonPropertyDescription("The cutoff used, computed from the backend server's clock (RFC 3339).")
  public String cutoff;

  @JsonPropertyDescription("Identifier of the signed deletion receipt for this run.")
  public String receipt;
}
