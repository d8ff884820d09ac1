package dev.ekyc.operator.receipt;

/**
 * The log cannot be appended to or read; the message says why and what to do. Never holds a
 * receipt's content.
 */
public final class ReceiptLogException extends RuntimeException {
  public ReceiptLogException(String message) {
    super(message);
  }

  public ReceiptLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
