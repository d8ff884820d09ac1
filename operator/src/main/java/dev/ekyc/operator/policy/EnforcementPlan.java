package dev.ekyc.operator.policy;

import java.util.List;
import java.util.Optional;

/**
 * The desired state for every store: which mechanisms enforce which rule, and what they guarantee.
 * Problems that stop a policy from being enforced are listed here and on the policy they belong to.
 */
public record EnforcementPlan(List<StorePlan> stores, List<Problem> problems) {

  public EnforcementPlan {
    stores = List.copyOf(stores);
    problems = List.copyOf(problems);
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  public Optional<PolicyPlan> policy(ResourceRef policy) {
    return stores.stream()
        .flatMap(s -> s.policies().stream())
        .filter(p -> p.policy().equals(policy))
        .findFirst();
  }

  /** Problems that concern one resource (a policy, a store or a consent policy). */
  public List<Problem> problemsOf(ResourceRef resource) {
    return problems.stream().filter(p -> resource.equals(p.resource())).toList();
  }
}
