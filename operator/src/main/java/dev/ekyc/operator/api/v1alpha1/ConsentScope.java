package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Which data a consent policy governs. */
@ValidationRule(
    value = "self.dataCategories.all(c, self.dataCategories.exists_one(d, d == c))",
    message = "data categories must not repeat")
public class ConsentScope {
  @Required
  @Size(min = 1, max = 20)
  @JsonPropertyDescription(
      "Data categories this purpose may use only with consent, e.g. [identification, biometric]. Well-known:"
          + " monitoring, operation-log, identification, biometric, identity-document; custom names are allowed.")
  public List<@Size(max = 63) @Pattern(ApiConstants.DNS_LABEL_PATTERN) String> dataCategories;
}
