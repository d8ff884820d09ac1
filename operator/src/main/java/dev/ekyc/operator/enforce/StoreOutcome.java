package dev.ekyc.operator.enforce;

import java.util.List;
import java.util.Map;

/** One enforcement pass over a store: the checks by policy name, and the owned names it removed. */
public record StoreOutcome(Map<String, List<MechanismCheck>> checks, List<String> removed) {

  public StoreOutcome {
    checks = Map.copyOf(checks);
    removed = List.copyOf(removed);
  }

  public List<MechanismCheck> of(String policyName) {
    return checks.getOrDefault(policyName, List.of());
  }
}
