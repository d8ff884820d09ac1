package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** The plan the operator enforces for a policy, and how enforcement is going. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetentionPolicyStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Backend type of the referenced store.")
  public StoreType storeType;

  @JsonPropertyDescription("Number of rules.")
  public Integer ruleCount;

  @JsonPropertyDescription(
      "Longest worst-case age over the rules, for data without consent; empty while the policy is not enforced.")
  public String worstCaseAge;

  @JsonPropertyDescription(
      "Longest promise (deleteWithin) over the rules, for data without consent, when every rule states one.")
  public String deleteWithin;

  @JsonPropertyDescription(
      "Oldest age of data the store really holds over the rules (observed on the drift interval, not inferred), e.g."
          + " 3h2m; empty until read.")
  public String oldestAge;

  @JsonPropertyDescription("Per-rule enforcement plan.")
  public List<RuleStatus> rules = new ArrayList<>();

  @JsonPropertyDescription("The last deletion run.")
  public RunSummary lastRun;

  @JsonPropertyDescription(
      "Ready, Reconciling, Stalled, Drifted and Compliant, with reason and message.")
  public List<Condition> conditions = new ArrayList<>();
}
