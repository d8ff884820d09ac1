package dev.ekyc.operator.enforce;

/**
 * The backend could not be read or written (unreachable, refused, credentials missing). The message
 * is for status and events: it names the store and what to check, never a credential.
 */
public final class EnforcementException extends RuntimeException {
  public EnforcementException(String message, Throwable cause) {
    super(message, cause);
  }

  public EnforcementException(String message) {
    super(message);
  }
}
