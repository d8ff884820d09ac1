package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The age from which an end user may consent alone; the values are the customer's legal choice. */
@ValidationRule(
    value = "!has(self.byJurisdiction) || self.byJurisdiction.all(k, k.matches('^[A-Z]{2}$'))",
    message = "byJurisdiction keys are ISO 3166-1 alpha-2 codes in upper case, e.g. TH, SG")
@ValidationRule(
    value =
        "!has(self.byJurisdiction) || self.byJurisdiction.all(k, self.byJurisdiction[k] >= 0 && self.byJurisdiction[k] <= 25)",
    message = "byJurisdiction ages must be between 0 and 25")
public class MinimumAge {
  @Required
  @Min(0)
  @Max(25)
  @JsonProperty("default")
  @JsonPropertyDescription(
      "Minimum age in whole years where no jurisdiction-specific value is given.")
  public Integer defaultAge;

  @Size(max = 100)
  @JsonPropertyDescription(
      "Minimum age per jurisdiction (ISO 3166-1 alpha-2 code to years), e.g. {TH: 20}.")
  public Map<String, Integer> byJurisdiction;
}
