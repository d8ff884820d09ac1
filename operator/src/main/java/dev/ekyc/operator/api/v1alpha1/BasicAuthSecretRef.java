package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret holding a user name and password. */
public class BasicAuthSecretRef {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret, in the same namespace as the DataStore.")
  public String name;

  @Default("username")
  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription("Key in the Secret that holds the user name.")
  public String usernameKey = "username";

  @Default("password")
  @Pattern("^[-._a-zA-Z0-9]{1,253}$")
  @JsonPropertyDescription("Key in the Secret that holds the password.")
  public String passwordKey = "password";
}
