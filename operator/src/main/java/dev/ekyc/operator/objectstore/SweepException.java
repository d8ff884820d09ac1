package dev.ekyc.operator.objectstore;

/** A sweep that cannot decide safely (for example, without the server's time) stops with this. */
public class SweepException extends RuntimeException {
  public SweepException(String message) {
    super(message);
  }

  public SweepException(String message, Throwable cause) {
    super(message, cause);
  }
}
