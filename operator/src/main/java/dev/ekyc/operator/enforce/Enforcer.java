package dev.ekyc.operator.enforce;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Applies and checks the native mechanisms of a store's plan (S3 lifecycle rules, ILM/ISM policies), one writer
 * per physical location. SQL stores have no native mechanism: their rules are enforced by jobs.
 */
public final class Enforcer {
  private final ObjectStoreEnforcer objectStores;
  private final SearchEnforcer searchStores;

  public Enforcer(Duration connectTimeout, Duration readTimeout) {
    LocationLocks locks = new LocationLocks();
    this.objectStores = new ObjectStoreEnforcer(locks, connectTimeout, readTimeout);
    this.searchStores = new SearchEnforcer(locks, connectTimeout, readTimeout.plusSeconds(30));
  }

  /**
   * Compares the backend with the plan for {@code policyName} (and, for object storage, every policy of the
   * store, which share one configuration); when {@code write}, makes the backend match first.
   */
  public StoreOutcome enforce(StoreAccess access, String policyName, boolean write, PreviousChecks previous) {
    return enforce(access, policyName, write, previous, DriftListener.NONE);
  }

  /** As above; {@code onDrift} hears of drift (previously verified, now different) before it is restored. */
  public StoreOutcome enforce(StoreAccess access, String policyName, boolean write, PreviousChecks previous,
      DriftListener onDrift) {
    return switch (access.plan().type()) {
      case ObjectStorage -> objectStores.enforce(access, write, previous, onDrift);
      case Search -> searchStores.enforce(access, policyName, write, previous, onDrift);
      case SQL -> new StoreOutcome(Map.of(policyName, List.of()), List.of());
    };
  }

  /**
   * Removes what a deleted policy owns. {@code access.plan()} must be compiled without it; the store's own
   * configuration for its other policies is written as planned in the same pass. Returns the names removed.
   */
  public List<String> removePolicy(StoreAccess access, String policyName) {
    return switch (access.plan().type()) {
      case ObjectStorage -> objectStores.enforce(access, true, PreviousChecks.none(), DriftListener.NONE).removed();
      case Search -> searchStores.removePolicy(access, policyName);
      case SQL -> List.of();
    };
  }
}
