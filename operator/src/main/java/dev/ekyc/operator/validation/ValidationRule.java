package dev.ekyc.operator.validation;

/**
 * One entry of {@code x-kubernetes-validations}: a CEL expression over {@code self} and what to say
 * when it fails.
 */
record ValidationRule(String rule, String message, String messageExpression, String fieldPath) {

  /**
   * Transition rules compare with the stored object; a new object has none, so the API server skips
   * them.
   */
  boolean isTransitionRule() {
    return rule.matches("(?s).*\\boldSelf\\b.*");
  }

  /**
   * The message the API server prints when the rule fails without a message: {@code failed rule:
   * <rule>}.
   */
  String failureMessage() {
    return message != null && !message.isBlank() ? message : "failed rule: " + rule;
  }
}
