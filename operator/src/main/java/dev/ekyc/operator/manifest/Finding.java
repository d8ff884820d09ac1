package dev.ekyc.operator.manifest;

import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.validation.Violation;

/**
 * Something about the manifests worth telling the user, located as precisely as known: file and
 * document, resource ({@code Kind/namespace/name}), field path, what is wrong, and how to fix it.
 * Any part but severity and message may be null.
 */
public record Finding(
    Severity severity,
    DocumentOrigin origin,
    String resource,
    String field,
    String message,
    String fix) {

  public static Finding error(
      DocumentOrigin origin, String resource, String field, String message, String fix) {
    return new Finding(Severity.ERROR, origin, resource, field, message, fix);
  }

  static Finding of(Violation violation, DocumentOrigin origin, String resource) {
    return new Finding(
        violation.isError() ? Severity.ERROR : Severity.WARNING,
        origin,
        resource,
        violation.path().text().isEmpty() ? null : violation.path().text(),
        violation.message(),
        violation.fix());
  }

  /**
   * A problem the policy core found, placed in the file that defines its resource (origin may be
   * null).
   */
  public static Finding of(Problem problem, DocumentOrigin origin) {
    return new Finding(
        problem.isError() ? Severity.ERROR : Severity.WARNING,
        origin,
        problem.resource() == null ? null : problem.resource().toString(),
        problem.field(),
        problem.message(),
        problem.fix());
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /**
   * {@code ERROR examples/x.yaml (document 2) RetentionPolicy/ekyc/name spec.rules[0].retention:
   * message}.
   */
  public String describe() {
    StringBuilder out = new StringBuilder(severity.name());
    if (origin != null) {
      out.append(' ').append(origin);
    }
    if (resource != null) {
      out.append(' ').append(resource);
    }
    if (field != null) {
      out.append(' ').append(field);
    }
    return out.append(": ").append(message).toString();
  }
}
