package dev.ekyc.operator.objectstore;

/**
 * The desired lifecycle rules cannot be written as they are (an S3 limit, an ID outside the store's
 * ownership prefix, two rules with one ID). The message names the rule and the fix; nothing was
 * written.
 */
public class LifecycleLimitException extends RuntimeException {
  public LifecycleLimitException(String message) {
    super(message);
  }
}
