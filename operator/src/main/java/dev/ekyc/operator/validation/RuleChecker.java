package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates every {@code x-kubernetes-validations} rule at every node that is present, with {@code
 * self} bound to that node. Like the API server, rules are not evaluated over values of the wrong
 * type; rules that cannot be evaluated because a field below is already invalid are not reported
 * twice.
 */
final class RuleChecker {
  private final CelRules cel;
  private final List<Violation> schemaViolations;
  private final List<Violation> out;

  RuleChecker(CelRules cel, List<Violation> schemaViolations, List<Violation> out) {
    this.cel = cel;
    this.schemaViolations = schemaViolations;
    this.out = out;
  }

  void check(JsonNode value, Schema schema, FieldPath path) {
    if (value == null || value.isNull() || hasViolation(path, Violation.Kind.WRONG_TYPE, true)) {
      return;
    }
    checkChildren(value, schema, path);
    List<ValidationRule> rules =
        schema.rules().stream().filter(r -> !r.isTransitionRule()).toList();
    if (rules.isEmpty()) {
      return;
    }
    if (hasViolation(path, Violation.Kind.WRONG_TYPE, false)) {
      String count =
          rules.size() == 1
              ? "1 validation rule here was"
              : rules.size() + " validation rules here were";
      out.add(
          new Violation(
              Violation.Kind.NOT_CHECKED,
              path,
              count
                  + " not checked because a field below has the"
                  + " wrong type (the API server skips them too)",
              "fix the type errors and run plan again"));
      return;
    }
    CelType selfType = CelValues.typeOf(schema);
    Object self = CelValues.valueOf(value, schema);
    for (ValidationRule rule : rules) {
      evaluate(rule, selfType, self, path);
    }
  }

  private void evaluate(ValidationRule rule, CelType selfType, Object self, FieldPath path) {
    FieldPath reported = rule.fieldPath() == null ? path : path.append(rule.fieldPath());
    CelRules.Outcome outcome = cel.evaluate(rule.rule(), selfType, self);
    if (outcome instanceof CelRules.Failed) {
      String message =
          rule.messageExpression() == null
              ? null
              : cel.message(rule.messageExpression(), selfType, self);
      out.add(
          new Violation(
              Violation.Kind.RULE_FAILED,
              reported,
              message != null ? message : rule.failureMessage(),
              null));
    } else if (outcome instanceof CelRules.Unevaluable u && u.compileError()) {
      out.add(
          new Violation(
              Violation.Kind.NOT_CHECKED,
              reported,
              "validation rule "
                  + Values.quote(rule.rule())
                  + " "
                  + u.reason()
                  + "; it was not checked offline",
              "the API server still checks it when you apply"));
    } else if (outcome instanceof CelRules.Unevaluable u && !hasViolation(path, null, false)) {
      out.add(
          new Violation(
              Violation.Kind.RULE_FAILED,
              reported,
              rule.failureMessage() + " (the rule could not be evaluated: " + u.reason() + ")",
              null));
    }
  }

  private void checkChildren(JsonNode value, Schema schema, FieldPath path) {
    if (value.isObject()) {
      Map<String, Schema> properties = schema.properties();
      Optional<Schema> mapValues = schema.additionalProperties();
      value
          .properties()
          .forEach(
              e -> {
                if (properties.containsKey(e.getKey())) {
                  check(e.getValue(), properties.get(e.getKey()), path.child(e.getKey()));
                } else {
                  mapValues.ifPresent(s -> check(e.getValue(), s, path.key(e.getKey())));
                }
              });
    } else if (value.isArray()) {
      schema
          .items()
          .ifPresent(
              items -> {
                for (int i = 0; i < value.size(); i++) {
                  check(value.get(i), items, path.index(i));
                }
              });
    }
  }

  /**
   * Whether a schema violation (of {@code kind}, or any kind when null) lies at {@code path} or
   * below it.
   */
  private boolean hasViolation(FieldPath path, Violation.Kind kind, boolean exactly) {
    return schemaViolations.stream()
        .filter(v -> kind == null || v.kind() == kind)
        .anyMatch(v -> exactly ? v.path().equals(path) : v.path().isWithin(path));
  }
}
