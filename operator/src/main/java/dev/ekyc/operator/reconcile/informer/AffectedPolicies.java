package dev.ekyc.operator.reconcile.informer;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.policy.StoreLocation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which RetentionPolicies a change of another resource can re-plan: the event mappers of the
 * reconciler. A change re-plans only what it can alter: the policies that name the changed
 * resource, and (for a change of what a policy selects or where its store is) the policies at that
 * location whose rules may overlap with it, before and after the change. The previous version of
 * each policy and store is remembered because an informer's mapper is handed only the new one;
 * moving a store or a rule can end a conflict at the old location as well as start one at the new.
 */
public final class AffectedPolicies {
  private final PlanScope.Lookup lookup;
  private final Function<ResourceID, Optional<? extends HasMetadata>> currentPolicy;
  private final Function<ResourceID, Optional<? extends HasMetadata>> currentStore;
  private final Map<ResourceID, RetentionPolicy> seenPolicies = new ConcurrentHashMap<>();
  private final Map<ResourceID, DataStore> seenStores = new ConcurrentHashMap<>();

  public AffectedPolicies(
      PlanScope.Lookup lookup,
      Function<ResourceID, Optional<? extends HasMetadata>> currentPolicy,
      Function<ResourceID, Optional<? extends HasMetadata>> currentStore) {
    this.lookup = lookup;
    this.currentPolicy = currentPolicy;
    this.currentStore = currentStore;
  }

  /**
   * A policy appeared, changed its spec or went: itself and what it could conflict with, then and
   * now.
   */
  public Set<ResourceID> ofPolicy(RetentionPolicy policy) {
    ResourceID id = ResourceID.fromResource(policy);
    RetentionPolicy before = remember(seenPolicies, id, policy, currentPolicy);
    Set<ResourceID> ids = new HashSet<>();
    ids.add(id);
    addCandidates(ids, policy, locationOf(policy));
    if (before != null && before != policy) {
      addCandidates(ids, before, locationOf(before));
    }
    return ids;
  }

  /**
   * A store changed: its policies (readiness and spec show in their status); when its spec changed,
   * appeared or went, also what they could conflict with at its location, then and now.
   */
  public Set<ResourceID> ofStore(DataStore store) {
    ResourceID id = ResourceID.fromResource(store);
    DataStore before = remember(seenStores, id, store, currentStore);
    List<RetentionPolicy> named =
        lookup.policiesOfStore(store.getMetadata().getNamespace(), store.getMetadata().getName());
    Set<ResourceID> ids = new HashSet<>(CachedResources.ids(named));
    boolean sameSpec =
        before != null
            && Objects.equals(
                before.getMetadata().getGeneration(), store.getMetadata().getGeneration())
            && currentStore.apply(id).isPresent();
    if (!sameSpec) {
      for (RetentionPolicy policy : named) {
        addCandidates(ids, policy, StoreLocation.of(store.getSpec()));
        if (before != null) {
          addCandidates(ids, policy, StoreLocation.of(before.getSpec()));
        }
      }
    }
    return ids;
  }

  /**
   * A ConsentPolicy changed: the policies naming it, and what they could conflict with (their rules
   * may compile now).
   */
  public Set<ResourceID> ofConsent(Collection<RetentionPolicy> naming) {
    Set<ResourceID> ids = new HashSet<>(CachedResources.ids(naming));
    naming.forEach(policy -> addCandidates(ids, policy, locationOf(policy)));
    return ids;
  }

  private void addCandidates(Set<ResourceID> ids, RetentionPolicy policy, StoreLocation location) {
    PlanScope.candidates(policy, location, lookup)
        .forEach(p -> ids.add(ResourceID.fromResource(p)));
  }

  private StoreLocation locationOf(RetentionPolicy policy) {
    return PlanScope.storeOf(policy, lookup).map(s -> StoreLocation.of(s.getSpec())).orElse(null);
  }

  /**
   * Remembers the version seen now (forgets a deleted resource) and returns the one seen before.
   */
  private static <R extends HasMetadata> R remember(
      Map<ResourceID, R> seen,
      ResourceID id,
      R resource,
      Function<ResourceID, Optional<? extends HasMetadata>> current) {
    boolean gone =
        current
            .apply(id)
            .filter(r -> Objects.equals(r.getMetadata().getUid(), resource.getMetadata().getUid()))
            .isEmpty();
    return gone ? seen.remove(id) : seen.put(id, resource);
  }
}
