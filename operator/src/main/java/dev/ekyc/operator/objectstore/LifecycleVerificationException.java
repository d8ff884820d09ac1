package dev.ekyc.operator.objectstore;

import java.util.List;

/**
 * The configuration read back after a write is not the one written: the store's own rules or the
 * rules of others differ. Usually another writer changed the bucket's lifecycle configuration at
 * the same time.
 */
public class LifecycleVerificationException extends RuntimeException {
  private final List<String> differences;

  public LifecycleVerificationException(String message, List<String> differences) {
    super(message);
    this.differences = List.copyOf(differences);
  }

  public List<String> differences() {
    return differences;
  }
}
