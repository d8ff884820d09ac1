package dev.ekyc.operator.enforce;

/**
 * Removing this kind of configuration on deletion is not built (OpenSearch ISM): retrying cannot help, so the
 * caller lets the resource go at once with a message saying what to remove by hand.
 */
public final class CleanupNotBuiltException extends RuntimeException {
  public CleanupNotBuiltException(String message) {
    super(message);
  }
}
