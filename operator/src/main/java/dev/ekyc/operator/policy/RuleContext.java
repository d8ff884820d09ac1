package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.LegalHoldSpec;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.time.Duration;
import java.util.List;

/**
 * Everything a backend's rule compiler needs about one rule: the rule, its policy's settings, the
 * store, and where to report problems. {@code field} is the rule's path, e.g. {@code
 * spec.rules[2]}.
 */
record RuleContext(
    ResourceRef policy,
    String field,
    RetentionRule rule,
    DataStore store,
    StoreLocation location,
    String schedule,
    Duration longestGap,
    long maxDeletionsPerRun,
    LegalHoldSpec legalHold,
    ConsentResolver consent,
    List<Problem> problems) {

  void error(String subField, String message, String fix) {
    problems.add(Problem.error(policy, path(subField), message, fix));
  }

  void warning(String subField, String message, String fix) {
    problems.add(Problem.warning(policy, path(subField), message, fix));
  }

  String path(String subField) {
    return subField == null || subField.isEmpty() ? field : field + "." + subField;
  }

  String namespace() {
    return policy.namespace();
  }

  /** Parses a duration field of the rule; reports and returns null when it is not valid. */
  Duration duration(String subField, String text) {
    if (text == null) {
      error(subField, "missing duration", "write e.g. 2h, 30d or 730d");
      return null;
    }
    try {
      return DurationText.parse(text);
    } catch (IllegalArgumentException e) {
      error(subField, e.getMessage(), "write e.g. 2h, 30d or 730d");
      return null;
    }
  }
}
