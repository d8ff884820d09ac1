package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.time.Duration;
import java.util.List;

/**
 * One RetentionPolicy compiled: its rules' mechanisms and guarantees. {@code enforceable} is false
 * when the policy has errors; then {@code rules} holds what could be compiled, for reporting only.
 */
public record PolicyPlan(
    ResourceRef policy,
    ResourceRef store,
    StoreType storeType,
    EnforcementMode mode,
    String schedule,
    long maxDeletionsPerRun,
    List<RulePlan> rules,
    Duration worstCaseAge,
    boolean enforceable) {

  public PolicyPlan {
    rules = List.copyOf(rules);
  }

  /**
   * The longest promise (deleteWithin) over the rules, for data without consent, when every rule
   * states one; null otherwise, since a policy-wide promise would then say nothing about the rules
   * without one.
   */
  public Duration promise() {
    if (rules.isEmpty() || rules.stream().anyMatch(r -> r.promise() == null)) {
      return null;
    }
    return rules.stream().map(RulePlan::promise).max(Duration::compareTo).orElse(null);
  }
}
