package dev.ekyc.operator.policy;

import java.util.List;

/**
 * The pure core: resolves RetentionPolicies against their DataStores and ConsentPolicies and compiles every
 * rule into mechanisms and guarantees. No I/O; the same inputs always give the same plan.
 */
public final class PolicyCompiler {

  public EnforcementPlan compile(PolicyInputs inputs) {
    // Filled in by the core implementation (in progress).
    return new EnforcementPlan(List.of(), List.of());
  }
}
