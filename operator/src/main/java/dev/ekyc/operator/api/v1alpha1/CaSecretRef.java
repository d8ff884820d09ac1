package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret holding a PEM bundle of CA certificates to trust for the backend's TLS. */
public class CaSecretRef {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret, in the same namespace as the DataStore.")
  public String name;

  @Default("ca.crt")
  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription("Key in the Secret that holds the PEM-encoded CA certificates.")
  public String key = "ca.crt";
}
