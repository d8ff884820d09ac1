package dev.ekyc.operator.probe;

/**
 * Why a store is or is not usable, as a condition reason. {@code needsUser} tells whether retrying
 * alone can fix it (Unreachable may heal by itself; a wrong password does not).
 */
public enum ProbeOutcome {
  Probed(false),
  SecretNotFound(true),
  SecretKeyMissing(true),
  AuthenticationFailed(true),
  NotFound(true),
  EngineMismatch(true),
  TlsFailed(true),
  Unreachable(false),
  ProbeFailed(false);

  private final boolean needsUser;

  ProbeOutcome(boolean needsUser) {
    this.needsUser = needsUser;
  }

  public boolean isSuccess() {
    return this == Probed;
  }

  /**
   * True when only a change by the user (Secret, spec, backend permissions) can make the store
   * ready.
   */
  public boolean needsUser() {
    return needsUser;
  }
}
