package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** One native backend mechanism of a rule as the operator last found it on the backend. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AppliedMechanism {
  @JsonPropertyDescription("Mechanism kind, e.g. LifecycleRule, ILM, ISM.")
  public String mechanism;

  @JsonPropertyDescription(
      "Name the operator owns on the backend: the S3 lifecycle rule ID or the ILM/ISM policy"
          + " and template name.")
  public String ownedName;

  @JsonPropertyDescription(
      "InSync, Applied, Corrected, Drifted, NotApplied (Audit or --dry-run: what would be"
          + " written) or Failed.")
  public String state;

  @JsonPropertyDescription(
      "What differs from the plan, or what was (or would be) written; empty when in sync.")
  public String difference;

  @JsonPropertyDescription(
      "When the operator last read the backend and compared it with the plan (RFC 3339).")
  public String lastVerified;

  @JsonPropertyDescription(
      "Things the operator cannot change: foreign lifecycle rules that can expire this data"
          + " sooner, indices run by another policy, indices detached for a legal hold.")
  public List<String> warnings = new ArrayList<>();
}
