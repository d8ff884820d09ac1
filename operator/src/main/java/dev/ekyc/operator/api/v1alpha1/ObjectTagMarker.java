package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An S3 object tag that marks an object, e.g. consent-model-training=granted. */
public class ObjectTagMarker {
  @Required
  @Pattern("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}$")
  @JsonPropertyDescription("Tag key (1 to 128 characters, S3 tag syntax).")
  public String key;

  @Required
  @Pattern("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,256}$")
  @JsonPropertyDescription(
      "Tag value that means consent is granted; any other value, or no tag, means no consent.")
  public String value;
}
