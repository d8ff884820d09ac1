package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.credentials.StoreSecrets;
import dev.ekyc.operator.enforce.EnforcementException;
import dev.ekyc.operator.enforce.StoreAccess;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.StorePlan;
import dev.ekyc.operator.policy.StoreTypes;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Puts a store, its compiled plan and the credentials from its Secret (via the informer cache)
 * together.
 */
public final class StoreAccessFactory {
  private final BiFunction<String, String, Optional<Secret>> secretByNamespaceAndName;
  private final boolean dryRun;

  public StoreAccessFactory(
      BiFunction<String, String, Optional<Secret>> secretByNamespaceAndName, boolean dryRun) {
    this.secretByNamespaceAndName = secretByNamespaceAndName;
    this.dryRun = dryRun;
  }

  StoreAccess of(DataStore store, EnforcementPlan plan) {
    ResourceRef ref = ResourceRef.of(store);
    StorePlan storePlan =
        plan.stores().stream()
            .filter(s -> s.store().equals(ref))
            .findFirst()
            .orElseThrow(
                () ->
                    new EnforcementException(
                        "DataStore "
                            + store.getMetadata().getName()
                            + " has no plan (its spec names no single backend): fix the DataStore"));
    return of(store, storePlan);
  }

  StoreAccess of(DataStore store, StorePlan storePlan) {
    String namespace = store.getMetadata().getNamespace();
    StoreSecrets secrets =
        new StoreSecrets(name -> secretByNamespaceAndName.apply(namespace, name));
    StoreSecrets.Resolution resolution = secrets.resolve(store.getSpec());
    if (resolution instanceof StoreSecrets.Failed failed) {
      throw new EnforcementException(
          "DataStore " + store.getMetadata().getName() + ": " + failed.problem().message());
    }
    return new StoreAccess(
        store, storePlan, ((StoreSecrets.Resolved) resolution).credentials(), dryRun);
  }

  static StorePlan emptyPlanFor(DataStore store, EnforcementPlan plan) {
    ResourceRef ref = ResourceRef.of(store);
    return plan.stores().stream()
        .filter(s -> s.store().equals(ref))
        .findFirst()
        .orElseGet(
            () ->
                new StorePlan(
                    ref, StoreTypes.of(store.getSpec()).orElseThrow(), null, "", List.of()));
  }
}
