package dev.ekyc.operator.objectstore;

/**
 * An S3 lifecycle call failed (network, access denied, no such bucket ...). The message names the
 * call and the bucket and carries the SDK's first message line, which never holds the secret key.
 */
public class LifecycleRequestException extends RuntimeException {
  public LifecycleRequestException(String message, Throwable cause) {
    super(message, cause);
  }
}
