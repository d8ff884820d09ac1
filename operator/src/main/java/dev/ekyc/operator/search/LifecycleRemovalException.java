package dev.ekyc.operator.search;

/**
 * Removing an owned ILM/ISM policy (or detaching it from an index) failed; the message says which
 * and why.
 */
public final class LifecycleRemovalException extends RuntimeException {
  public LifecycleRemovalException(String message, Throwable cause) {
    super(message, cause);
  }

  public LifecycleRemovalException(String message) {
    super(message);
  }
}
