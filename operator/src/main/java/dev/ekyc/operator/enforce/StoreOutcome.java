package dev.ekyc.operator.enforce;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One enforcement pass over a store: the checks by policy name, the owned names it removed, and
 * when the backend was read ({@code null}: just now; earlier when the pass reused a recent in-sync
 * read of the store).
 */
public record StoreOutcome(
    Map<String, List<MechanismCheck>> checks, List<String> removed, Instant readAt) {

  public StoreOutcome {
    checks = Map.copyOf(checks);
    removed = List.copyOf(removed);
  }

  public StoreOutcome(Map<String, List<MechanismCheck>> checks, List<String> removed) {
    this(checks, removed, null);
  }

  public List<MechanismCheck> of(String policyName) {
    return checks.getOrDefault(policyName, List.of());
  }
}
