package dev.ekyc.operator.validation;

/**
 * One way a manifest breaks its CRD's schema or one of its validation rules, at a field path.
 * {@code fix} says what to write instead (often the field's own description); it may be null.
 */
public record Violation(Kind kind, FieldPath path, String message, String fix) {

  public enum Kind {
    /**
     * The value has the wrong JSON type; the API server then skips the CEL rules, and so do we
     * below it.
     */
    WRONG_TYPE,
    /** The value breaks a schema constraint: required, enum, pattern, bounds, unknown field. */
    INVALID,
    /** A CEL rule ({@code x-kubernetes-validations}) returned false or could not be evaluated. */
    RULE_FAILED,
    /**
     * A rule that could not be checked offline; the API server will still check it. Reported as a
     * warning.
     */
    NOT_CHECKED
  }

  public boolean isError() {
    return kind != Kind.NOT_CHECKED;
  }

  /** {@code spec.rules[0].retention: message}. */
  public String describe() {
    return (path.text().isEmpty() ? "" : path + ": ") + message;
  }
}
