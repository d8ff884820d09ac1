package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Rows of one table, aged by a timestamp column and deleted in batches that walk the key. */
@ValidationRule(
    value = "self.timestampColumn != self.key",
    message = "timestampColumn and key must be different columns")
public class TableSelector {
  @Required
  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription("Table name in the store's database (letters, digits, underscores).")
  public String name;

  @Required
  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "DATETIME/TIMESTAMP column that says when the row was created; it should be indexed.")
  public String timestampColumn;

  @Required
  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "Unique, indexed key column (usually the primary key) that purge batches walk.")
  public String key;
}
