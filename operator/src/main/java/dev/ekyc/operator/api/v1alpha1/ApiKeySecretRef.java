package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A Secret holding an Elasticsearch/OpenSearch API key (the base64 "id:key" form sent as ApiKey).
 */
public class ApiKeySecretRef {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret, in the same namespace as the DataStore.")
  public String name;

  @Default("apiKey")
  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription("Key in the Secret that holds the encoded API key.")
  public String key = "apiKey";
}
