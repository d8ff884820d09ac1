package dev.ekyc.operator.api.v1alpha1;

/** Whether a policy changes backends or only reports. */
public enum EnforcementMode {
  /** Configure lifecycle features and run deletions. */
  Enforce,
  /** Report drift and what would be deleted; change nothing, delete nothing. */
  Audit
}
