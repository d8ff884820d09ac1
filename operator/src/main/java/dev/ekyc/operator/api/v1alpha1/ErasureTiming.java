package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** When data without consent is erased. */
@ValidationRule(
    value =
        "!has(self.deleteWithin) || (int(self.deleteWithin.substring(0, size(self.deleteWithin) - 1)) * (self.deleteWithin.endsWith('d') ? 86400 : (self.deleteWithin.endsWith('h') ? 3600 : 60))) > (int(self.eraseAfter.substring(0, size(self.eraseAfter) - 1)) * (self.eraseAfter.endsWith('d') ? 86400 : (self.eraseAfter.endsWith('h') ? 3600 : 60)))",
    message =
        "sensitive.withoutConsent.deleteWithin must be longer than eraseAfter: the promise must leave the"
            + " erasure job time to run",
    fieldPath = ".deleteWithin")
public class ErasureTiming {
  @Required
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Erase this long after the row's timestamp (verification done), e.g. 2h.")
  public String eraseAfter;

  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "The promise for the columns of rows without consent: never kept longer than this after the row's"
          + " timestamp, e.g. 2h. Optional; longer than eraseAfter.")
  public String deleteWithin;
}
