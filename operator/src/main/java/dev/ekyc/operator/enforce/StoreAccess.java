package dev.ekyc.operator.enforce;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.StoreLocation;
import dev.ekyc.operator.policy.StorePlan;

/**
 * One store as enforcement needs it: the DataStore, its compiled plan (every policy on it), its
 * credentials, and whether the operator runs with --dry-run.
 */
public record StoreAccess(
    DataStore store, StorePlan plan, StoreCredentials credentials, boolean dryRun) {

  /** The physical location; the lock key that serialises writes to it. */
  public String locationKey() {
    StoreLocation location = StoreLocation.of(store.getSpec());
    if (location == null) {
      throw new EnforcementException(
          "DataStore "
              + store.getMetadata().getName()
              + " names no single backend: set exactly one of objectStorage, search or sql");
    }
    return location.key();
  }

  public String namespace() {
    return store.getMetadata().getNamespace();
  }

  public String name() {
    return store.getMetadata().getName();
  }

  /** A policy whose mechanisms may be written: enforceable, mode Enforce, and no --dry-run. */
  public boolean writable(PolicyPlan policy) {
    return !dryRun
        && policy.enforceable()
        && (policy.mode() == null || policy.mode() == EnforcementMode.Enforce);
  }

  /** A policy whose existing configuration is left exactly as found: Audit mode or --dry-run. */
  public boolean frozen(PolicyPlan policy) {
    return dryRun || policy.mode() == EnforcementMode.Audit;
  }
}
