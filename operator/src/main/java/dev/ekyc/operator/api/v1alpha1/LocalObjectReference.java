package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to another resource in the same namespace. */
public class LocalObjectReference {
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  @JsonPropertyDescription("Name of the resource, in the same namespace as the referring resource.")
  public String name;

  public LocalObjectReference() {}

  public LocalObjectReference(String name) {
    this.name = name;
  }
}
