package dev.ekyc.operator.receipt;

/**
 * One thing {@code verify} found. {@code index} is the receipt's position in the log (-1 when the
 * finding is about the log as a whole). Every kind but {@link Kind#WARNING} fails verification.
 */
public record Finding(Kind kind, long index, String message) {
  public enum Kind {
    /** A receipt's bytes differ from what was signed. */
    ALTERED,
    /**
     * A signed receipt is not in the log (or its bundle is gone; or the log is shorter than a
     * checkpoint).
     */
    REMOVED,
    /** A signed receipt is stored at another position. */
    REORDERED,
    /** An entry or a signature nobody with the key made. */
    FORGED,
    /** A checkpoint signed with a key after the log retired it. */
    RETIRED_KEY,
    /** Two different trees of one size, or a tree that does not extend an earlier checkpoint. */
    FORK,
    /** Something unreadable or structurally wrong. */
    MALFORMED,
    /** Noted, not a failure. */
    WARNING
  }

  public boolean failure() {
    return kind != Kind.WARNING;
  }

  @Override
  public String toString() {
    return kind + (index >= 0 ? " receipt " + index : "") + ": " + message;
  }
}
