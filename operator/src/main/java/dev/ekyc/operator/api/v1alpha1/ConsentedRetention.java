package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A longer retention that applies only where the consent policy's consent is recorded. */
@ValidationRule(
    value =
        "!has(self.deleteWithin) || (int(self.deleteWithin.substring(0, size(self.deleteWithin) - 1)) * (self.deleteWithin.endsWith('d') ? 86400 : (self.deleteWithin.endsWith('h') ? 3600 : 60))) > (int(self.retention.substring(0, size(self.retention) - 1)) * (self.retention.endsWith('d') ? 86400 : (self.retention.endsWith('h') ? 3600 : 60)))",
    message =
        "withConsent.deleteWithin must be longer than withConsent.retention: the promise must leave the"
            + " mechanisms time to delete",
    fieldPath = ".deleteWithin")
public class ConsentedRetention {
  @Required
  @JsonPropertyDescription("The ConsentPolicy whose recorded consent allows the longer retention.")
  public LocalObjectReference consentPolicyRef;

  @Required
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Retention where consent is recorded; must be longer than the rule's retention.")
  public String retention;

  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "The promise for data kept with consent: never older than this. Optional; longer than retention.")
  public String deleteWithin;
}
