package dev.ekyc.operator.sql;

/** A purge or erasure that must not run (or stopped): the message names the problem and the fix. */
public class SqlPurgeException extends RuntimeException {
  public SqlPurgeException(String message) {
    super(message);
  }

  public SqlPurgeException(String message, Throwable cause) {
    super(message, cause);
  }
}
