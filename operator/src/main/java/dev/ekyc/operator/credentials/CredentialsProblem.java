package dev.ekyc.operator.credentials;

/**
 * Why a store's credentials cannot be read: which Secret or key is missing, in a message that names
 * the spec field to fix and never a value. Callers map it to their own outcome (a probe result, a
 * job exit code).
 */
public record CredentialsProblem(Kind kind, String message) {
  public enum Kind {
    /** The Secret the DataStore names does not exist in its namespace (or is not mounted). */
    SECRET_NOT_FOUND,
    /** The Secret exists but lacks the key the DataStore names. */
    SECRET_KEY_MISSING
  }
}
