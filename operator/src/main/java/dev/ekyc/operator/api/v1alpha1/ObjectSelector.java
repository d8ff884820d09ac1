package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Objects in the store's bucket, by key prefix and optionally by tags. */
@ValidationRule(
    value =
        "!has(self.tags) || self.tags.all(k, size(k) >= 1 && size(k) <= 128 && size(self.tags[k]) <= 256)",
    message = "tag keys are 1 to 128 characters and tag values at most 256 (S3 limits)")
public class ObjectSelector {
  @Required
  @Size(min = 1, max = 1024)
  @Pattern("^[^/\\s]\\S*$")
  @JsonPropertyDescription(
      "Key prefix, e.g. liveness/. Required and non-empty, so a rule never covers a whole bucket by accident;"
          + " must not start with /.")
  public String prefix;

  @Size(max = 10)
  @JsonPropertyDescription(
      "Only objects that carry all these tags (S3 allows at most 10 tags per object).")
  public Map<String, String> tags;
}
