package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A purpose that may use personal data only with the end user's consent. */
public class ConsentPolicySpec {
  @Required
  @Pattern(ApiConstants.DNS_LABEL_PATTERN)
  @JsonPropertyDescription("The purpose consent is asked for, e.g. model-training.")
  public String purpose;

  @Default("ExplicitConsent")
  @JsonPropertyDescription(
      "Consent the purpose needs; sensitive data (biometrics, ID numbers) needs ExplicitConsent.")
  public ConsentRequirement requires = ConsentRequirement.ExplicitConsent;

  @Required
  @JsonPropertyDescription("The data categories the purpose may use only with consent.")
  public ConsentScope appliesTo;

  @JsonPropertyDescription(
      "Minimum age at which the end user may consent alone. When omitted, no age rule is enforced.")
  public MinimumAge minimumAge;

  @Default("false")
  @JsonPropertyDescription(
      "Whether a parent's or guardian's consent allows the purpose below the minimum age.")
  public Boolean parentalConsentBelowMinimumAge = false;

  @Required
  @Size(max = 8)
  @Pattern(ApiConstants.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Deadline to erase data used for the purpose once consent is withdrawn, e.g. 72h. Units: m, h, d.")
  public String erasureAfterWithdrawal;

  @Required
  @JsonPropertyDescription("How consent is recorded in each kind of store.")
  public ConsentRecording recordedAs;
}
