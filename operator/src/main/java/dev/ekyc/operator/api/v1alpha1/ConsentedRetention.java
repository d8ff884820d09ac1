package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** A longer retention that applies only where the consent policy's consent is recorded. */
public class ConsentedRetention {
  @Required
  @JsonPropertyDescription("The ConsentPolicy whose recorded consent allows the longer retention.")
  public LocalObjectReference consentPolicyRef;

  @Required
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription("Retention where consent is recorded; must be longer than the rule's retention.")
  public String retention;
}
