package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Columns that hold sensitive data (biometrics, ID numbers): kept only with consent, else set to
 * NULL.
 */
@ValidationRule(
    value = "self.columns.all(c, self.columns.exists_one(d, d == c))",
    message = "columns must not repeat")
public class SensitiveColumns {
  @Required
  @JsonPropertyDescription("The ConsentPolicy whose recorded consent allows keeping these columns.")
  public LocalObjectReference consentPolicyRef;

  @Required
  @Size(min = 1, max = 20)
  @JsonPropertyDescription("Nullable columns to set to NULL where consent is missing or withdrawn.")
  public List<@Size(max = 64) @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN) String> columns;

  @Required
  @JsonPropertyDescription("When to erase the columns of rows without consent.")
  public ErasureTiming withoutConsent;
}
