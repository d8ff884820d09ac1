package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Columns of the governed table that record consent and what the age rule needs. */
public class SqlConsentColumns {
  @Required
  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "Boolean column: true when the end user gave explicit consent. NULL or false: no consent.")
  public String granted;

  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "Timestamp column set when consent is withdrawn; the data is erased within erasureAfterWithdrawal of it.")
  public String withdrawnAt;

  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "Date column with the end user's date of birth, for the minimum-age rule.")
  public String birthDate;

  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "Column with the end user's jurisdiction (ISO 3166-1 alpha-2), to pick the minimum age; without it the"
          + " default minimum age applies.")
  public String jurisdiction;

  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription(
      "Boolean column: true when a parent or guardian consented for an end user below the minimum age.")
  public String parentalConsent;
}
