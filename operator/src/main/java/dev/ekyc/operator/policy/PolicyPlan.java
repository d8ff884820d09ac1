package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.time.Duration;
import java.util.List;

/**
 * One RetentionPolicy compiled: its rules' mechanisms and guarantees. {@code enforceable} is false when the
 * policy has errors; then {@code rules} holds what could be compiled, for reporting only.
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
}
