package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.util.List;

/** One store and the policies that govern it. */
public record StorePlan(
    ResourceRef store, StoreType type, String jurisdiction, String location, List<PolicyPlan> policies) {

  public StorePlan {
    policies = List.copyOf(policies);
  }
}
