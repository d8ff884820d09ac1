package dev.ekyc.operator.policy;

/**
 * Something wrong with the resources, found by the core: names the resource and field, says what is
 * wrong and what to do about it. Errors stop a policy from being enforced; warnings do not.
 */
public record Problem(
    Severity severity, ResourceRef resource, String field, String message, String fix) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(ResourceRef resource, String field, String message, String fix) {
    return new Problem(Severity.ERROR, resource, field, message, fix);
  }

  public static Problem warning(ResourceRef resource, String field, String message, String fix) {
    return new Problem(Severity.WARNING, resource, field, message, fix);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** One line: {@code ERROR RetentionPolicy/ns/name spec.rules[0].retention: message. Fix: fix}. */
  public String describe() {
    return severity
        + " "
        + resource
        + (field == null ? "" : " " + field)
        + ": "
        + message
        + (fix == null ? "" : ". Fix: " + fix);
  }
}
