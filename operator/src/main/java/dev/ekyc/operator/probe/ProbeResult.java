package dev.ekyc.operator.probe;

import dev.ekyc.operator.credentials.CredentialsProblem;
import java.util.Objects;

/**
 * What a probe found. {@code backendVersion} is set on success (product and version, e.g. "MariaDB
 * 10.11.6"); {@code message} is for humans and never contains a credential.
 */
public record ProbeResult(ProbeOutcome outcome, String backendVersion, String message) {

  public ProbeResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(message, "message");
  }

  public static ProbeResult ok(String backendVersion, String message) {
    return new ProbeResult(ProbeOutcome.Probed, backendVersion, message);
  }

  public static ProbeResult failed(ProbeOutcome outcome, String message) {
    if (outcome.isSuccess()) {
      throw new IllegalArgumentException("a failure needs a failure outcome, not " + outcome);
    }
    return new ProbeResult(outcome, null, message);
  }

  /**
   * A store whose credentials cannot be read is not probed: its result names the Secret or key to
   * fix.
   */
  public static ProbeResult of(CredentialsProblem problem) {
    return failed(
        switch (problem.kind()) {
          case SECRET_NOT_FOUND -> ProbeOutcome.SecretNotFound;
          case SECRET_KEY_MISSING -> ProbeOutcome.SecretKeyMissing;
        },
        problem.message());
  }

  public boolean isSuccess() {
    return outcome.isSuccess();
  }
}
