package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** How consent is recorded in each kind of store. Set the ones your stores use. */
@ValidationRule(
    value =
        "has(self.objectTag) || has(self.objectPrefix) || has(self.sqlColumns) || has(self.documentField)",
    message =
        "set at least one of objectTag, objectPrefix, sqlColumns or documentField: how consent is recorded")
@ValidationRule(
    value = "!(has(self.objectTag) && has(self.objectPrefix))",
    message =
        "set objectTag or objectPrefix, not both: objects need one unambiguous consent marker")
public class ConsentRecording {
  @JsonPropertyDescription("Object storage: a tag on each object that holds consent.")
  public ObjectTagMarker objectTag;

  @Size(max = 1024)
  @Pattern("^[^/\\s]\\S*/$")
  @JsonPropertyDescription(
      "Object storage: a key prefix segment under which only consented objects are written, e.g. consented/."
          + " Matched directly below each rule's prefix.")
  public String objectPrefix;

  @JsonPropertyDescription(
      "SQL tables: the columns that record consent, withdrawal, birth date and jurisdiction.")
  public SqlConsentColumns sqlColumns;

  @Pattern("^[A-Za-z_@][A-Za-z0-9_@-]*(\\.[A-Za-z_@][A-Za-z0-9_@-]*){0,7}$")
  @JsonPropertyDescription(
      "Search documents: dotted path of a boolean field that holds consent, e.g. consent.model_training.")
  public String documentField;
}
