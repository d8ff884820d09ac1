package dev.ekyc.operator.enforce;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Applies and checks the native mechanisms of a store's plan (S3 lifecycle rules, ILM/ISM
 * policies), one writer per physical location. SQL stores have no native mechanism: their rules are
 * enforced by jobs.
 */
public final class Enforcer {
  private final ObjectStoreEnforcer objectStores;
  private final SearchEnforcer searchStores;

  public Enforcer(Duration connectTimeout, Duration readTimeout) {
    this(connectTimeout, readTimeout, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * {@code reuseInSyncReadsWithin}: how long one read of a bucket that found the store's whole
   * configuration as planned answers the checks of the store's other policies (the operator passes
   * nine tenths of the drift interval: one read per bucket per drift cycle), and how long a search
   * store's policy and template listings answer the checks of its policies that find them as
   * planned (one listing per cluster per drift cycle); zero reads for every check.
   */
  public Enforcer(
      Duration connectTimeout, Duration readTimeout, Duration reuseInSyncReadsWithin, Clock clock) {
    LocationLocks locks = new LocationLocks();
    this.objectStores =
        new ObjectStoreEnforcer(
            locks, connectTimeout, readTimeout, new InSyncReads(reuseInSyncReadsWithin, clock));
    this.searchStores =
        new SearchEnforcer(
            locks,
            connectTimeout,
            readTimeout.plusSeconds(30),
            new SharedSearchReads(reuseInSyncReadsWithin, clock));
  }

  /**
   * Compares the backend with the plan for {@code policyName} (and, for object storage, every
   * policy of the store, which share one configuration); when {@code write}, makes the backend
   * match first.
   */
  public StoreOutcome enforce(
      StoreAccess access, String policyName, boolean write, PreviousChecks previous) {
    return enforce(access, policyName, write, previous, DriftListener.NONE);
  }

  /**
   * As above; {@code onDrift} hears of drift (previously verified, now different) before it is
   * restored.
   */
  public StoreOutcome enforce(
      StoreAccess access,
      String policyName,
      boolean write,
      PreviousChecks previous,
      DriftListener onDrift) {
    return switch (access.plan().type()) {
      case ObjectStorage -> objectStores.enforce(access, write, previous, onDrift);
      case Search -> searchStores.enforce(access, policyName, write, previous, onDrift);
      case SQL -> new StoreOutcome(Map.of(policyName, List.of()), List.of());
    };
  }

  /**
   * Removes what a deleted policy owns. {@code access.plan()} must be compiled without it; the
   * store's own configuration for its other policies is written as planned in the same pass.
   * Returns the names removed.
   */
  public List<String> removePolicy(StoreAccess access, String policyName) {
    return switch (access.plan().type()) {
      case ObjectStorage ->
          objectStores
              .enforce(access, true, PreviousChecks.none(), DriftListener.NONE, false)
              .removed();
      case Search -> searchStores.removePolicy(access, policyName);
      case SQL -> List.of();
    };
  }
}
