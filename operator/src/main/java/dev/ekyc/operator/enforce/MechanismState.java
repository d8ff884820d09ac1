package dev.ekyc.operator.enforce;

/** How one native mechanism on the backend compares with the plan after a check. */
public enum MechanismState {
  /** The backend holds exactly what the plan says. */
  InSync,
  /**
   * It differed (absent, or changed with the policy's spec) and the operator wrote it in this
   * check.
   */
  Applied,
  /** It had been verified before and someone changed it; the operator restored it in this check. */
  Corrected,
  /**
   * It had been verified before and someone changed it; it stays so (Audit, --dry-run) until
   * restored.
   */
  Drifted,
  /**
   * Never applied: the policy is in Audit mode or the operator runs with --dry-run; the difference
   * says what would be written.
   */
  NotApplied;

  /** States after which the backend was known to match the plan, so a later difference is drift. */
  boolean wasVerified() {
    return this == InSync || this == Applied || this == Corrected || this == Drifted;
  }

  static MechanismState parse(String text) {
    if (text == null) {
      return null;
    }
    for (MechanismState state : values()) {
      if (state.name().equals(text)) {
        return state;
      }
    }
    return null;
  }
}
