package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.Required;

/** When data without consent is erased. */
public class ErasureTiming {
  @Required
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription("Erase this long after the row's timestamp (verification done), e.g. 2h.")
  public String eraseAfter;
}
