package dev.ekyc.operator.api.v1alpha1;

/** Why the data may be processed at all; recorded in plans and deletion receipts for auditors. */
public enum LegalBasis {
  Contract,
  LegitimateInterest,
  Consent,
  LegalObligation,
  VitalInterest,
  PublicTask
}
