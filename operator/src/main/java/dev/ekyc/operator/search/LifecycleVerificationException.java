package dev.ekyc.operator.search;

/**
 * The cluster answered a write but did not carry it out for every index, or reading back after the
 * writes shows something else than was written (a concurrent writer, an index changing state).
 */
public class LifecycleVerificationException extends RuntimeException {
  public LifecycleVerificationException(String message) {
    super(message);
  }
}
