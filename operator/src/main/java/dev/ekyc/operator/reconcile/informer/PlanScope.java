package dev.ekyc.operator.reconcile.informer;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.StoreLocation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one RetentionPolicy's plan depends on, so that a reconciliation compiles that and not every
 * policy of the cluster: the policy's DataStore, the ConsentPolicies it names, and the policies it
 * can conflict with. Conflicts are judged by physical location ({@link StoreLocation}), so the
 * candidates are found through an index of stores by location, of policies by store, and (for SQL)
 * of policies by table name. The plan the core computes from this scope is the policy's plan from a
 * compilation of everything: the core reports a conflict only between rules at the same location
 * that select overlapping data, and every such rule is in the scope (a superset: SQL rules naming
 * the same table, every rule of the stores at the location otherwise).
 *
 * <p>For object storage and search the scope holds every policy at the location: the store's
 * enforcement writes one configuration for all policies of the store, so it needs all their plans.
 * SQL stores have no shared native configuration (their rules run in jobs), so only the policies
 * naming the same table come in.
 */
public final class PlanScope {

  /**
   * The informer caches, by the indexes {@link PlanIndexes} defines. Lists are the caches' objects:
   * read only.
   */
  public interface Lookup {
    Optional<DataStore> store(String namespace, String name);

    List<DataStore> storesAt(String locationKey);

    List<RetentionPolicy> policiesOfStore(String namespace, String store);

    /** Policies with a rule on a table of this name (lower case), in any store. */
    List<RetentionPolicy> policiesOfTable(String table);

    Optional<ConsentPolicy> consentPolicy(String namespace, String name);
  }

  private PlanScope() {}

  /**
   * The core's inputs for a reconciliation of {@code policy} (the version JOSDK handed over, not
   * the cache's).
   */
  public static PolicyInputs forReconcile(RetentionPolicy policy, Lookup lookup) {
    return inputs(policy, SiblingPolicies.withCurrent(policy, others(policy, lookup)), lookup);
  }

  /** The core's inputs without {@code policy}: what stays planned once it is deleted. */
  public static PolicyInputs without(RetentionPolicy policy, Lookup lookup) {
    String uid = policy.getMetadata().getUid();
    List<RetentionPolicy> remaining =
        others(policy, lookup).stream()
            .filter(
                p ->
                    !(Objects.equals(
                            policy.getMetadata().getNamespace(), p.getMetadata().getNamespace())
                        && Objects.equals(
                            policy.getMetadata().getName(), p.getMetadata().getName())))
            .filter(p -> uid == null || !uid.equals(p.getMetadata().getUid()))
            .toList();
    return inputs(policy, remaining, lookup);
  }

  /**
   * The candidates at the policy's location that are not being deleted (a policy being deleted no
   * longer counts).
   */
  private static List<RetentionPolicy> others(RetentionPolicy policy, Lookup lookup) {
    Optional<StoreLocation> location =
        storeOf(policy, lookup).map(s -> StoreLocation.of(s.getSpec()));
    Map<Object, RetentionPolicy> unique = new IdentityHashMap<>();
    location.ifPresent(l -> candidates(policy, l, lookup).forEach(p -> unique.put(p, p)));
    return unique.values().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  /**
   * {@code policies} with the stores and ConsentPolicies they name ({@code policy}'s store even
   * when it is not).
   */
  private static PolicyInputs inputs(
      RetentionPolicy policy, List<RetentionPolicy> policies, Lookup lookup) {
    Map<String, DataStore> stores = new LinkedHashMap<>();
    storeOf(policy, lookup).ifPresent(s -> stores.put(key(s), s));
    Map<String, ConsentPolicy> consents = new LinkedHashMap<>();
    for (RetentionPolicy p : policies) {
      storeOf(p, lookup).ifPresent(s -> stores.putIfAbsent(key(s), s));
      String namespace = p.getMetadata().getNamespace();
      for (String name : PolicyReferences.consentPolicies(p)) {
        lookup.consentPolicy(namespace, name).ifPresent(c -> consents.putIfAbsent(key(c), c));
      }
    }
    return new PolicyInputs(
        new ArrayList<>(stores.values()), policies, new ArrayList<>(consents.values()));
  }

  /**
   * The policies whose rules may select the same data as {@code policy}'s at {@code location} (the
   * policy itself may be among them). Also what must be re-planned when {@code policy} appears,
   * changes or goes.
   */
  static List<RetentionPolicy> candidates(
      RetentionPolicy policy, StoreLocation location, Lookup lookup) {
    if (location == null) {
      return List.of();
    }
    List<RetentionPolicy> found = new ArrayList<>();
    if (location.type() != StoreType.SQL) {
      for (DataStore s : lookup.storesAt(location.key())) {
        found.addAll(
            lookup.policiesOfStore(s.getMetadata().getNamespace(), s.getMetadata().getName()));
      }
      return found;
    }
    // By table first: few policies name one table, while one database may hold thousands of
    // policies' tables.
    for (String table : tables(policy)) {
      for (RetentionPolicy other : lookup.policiesOfTable(table)) {
        if (storeOf(other, lookup)
            .map(s -> StoreLocation.of(s.getSpec()))
            .filter(l -> l.key().equals(location.key()))
            .isPresent()) {
          found.add(other);
        }
      }
    }
    return found;
  }

  /**
   * The tables a policy's rules name, in lower case (MySQL/MariaDB compare table names
   * case-insensitively here).
   */
  static List<String> tables(RetentionPolicy policy) {
    if (policy.getSpec() == null || policy.getSpec().rules == null) {
      return List.of();
    }
    List<String> tables = new ArrayList<>();
    for (RetentionRule rule : policy.getSpec().rules) {
      if (rule != null && rule.table != null && rule.table.name != null) {
        tables.add(rule.table.name.toLowerCase(Locale.ROOT));
      }
    }
    return tables;
  }

  static Optional<DataStore> storeOf(RetentionPolicy policy, Lookup lookup) {
    return PolicyReferences.store(policy)
        .flatMap(name -> lookup.store(policy.getMetadata().getNamespace(), name));
  }

  private static String key(io.fabric8.kubernetes.api.model.HasMetadata resource) {
    return CachedResources.indexKey(
        resource.getMetadata().getNamespace(), resource.getMetadata().getName());
  }
}
