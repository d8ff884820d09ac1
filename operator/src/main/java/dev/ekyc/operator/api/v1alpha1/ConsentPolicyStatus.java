package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Where the consent policy is used and whether it is consistent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsentPolicyStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription(
      "RetentionPolicies (in this namespace) whose rules depend on this consent policy.")
  public List<String> usedBy = new ArrayList<>();

  @JsonPropertyDescription("Ready, Reconciling and Stalled, with reason and message.")
  public List<Condition> conditions = new ArrayList<>();
}
