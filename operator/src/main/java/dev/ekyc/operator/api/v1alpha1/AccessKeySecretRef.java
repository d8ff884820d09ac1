package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret holding an S3 access key pair. */
public class AccessKeySecretRef {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret, in the same namespace as the DataStore.")
  public String name;

  @Default("accessKeyId")
  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription("Key in the Secret that holds the access key ID.")
  public String accessKeyIdKey = "accessKeyId";

  @Default("secretAccessKey")
  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription("Key in the Secret that holds the secret access key.")
  public String secretAccessKeyKey = "secretAccessKey";

  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription(
      "Optional key in the Secret that holds a session token (temporary credentials).")
  public String sessionTokenKey;
}
