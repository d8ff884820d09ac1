package dev.ekyc.operator.api.v1alpha1;

/**
 * What kind of consent the purpose needs. Sensitive data (biometrics, ID numbers) needs explicit
 * consent.
 */
public enum ConsentRequirement {
  ExplicitConsent
}
