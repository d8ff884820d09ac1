package dev.ekyc.operator.manifest;

/** How much a finding matters: errors stop the plan, warnings do not, notes only inform. */
public enum Severity {
  ERROR,
  WARNING,
  NOTE
}
