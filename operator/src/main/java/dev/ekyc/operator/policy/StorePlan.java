package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.util.List;

/**
 * One store and the policies that govern it; {@code declaredResiduals} are the backups its
 * DataStore declares (spec.backups), shown next to every rule's live worst case.
 */
public record StorePlan(
    ResourceRef store,
    StoreType type,
    String jurisdiction,
    String location,
    List<PolicyPlan> policies,
    List<ResidualCopy> declaredResiduals) {

  public StorePlan {
    policies = List.copyOf(policies);
    declaredResiduals = declaredResiduals == null ? List.of() : List.copyOf(declaredResiduals);
  }

  public StorePlan(
      ResourceRef store,
      StoreType type,
      String jurisdiction,
      String location,
      List<PolicyPlan> policies) {
    this(store, type, jurisdiction, location, policies, List.of());
  }
}
