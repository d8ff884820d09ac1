package dev.ekyc.operator.reconcile.informer;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.policy.StoreLocation;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The informer indexes that let a reconciliation find what a policy's plan depends on without
 * scanning every policy: stores by physical location, policies by store and by table name. {@link
 * #lookup} reads them.
 */
public final class PlanIndexes {
  static final String STORES_BY_LOCATION = "datastore-by-location";
  static final String POLICIES_BY_STORE = "retentionpolicy-by-store";
  static final String POLICIES_BY_TABLE = "retentionpolicy-by-table";

  private PlanIndexes() {}

  /** Adds the indexes; must run before the informers start. */
  public static void addTo(
      InformerEventSource<DataStore, RetentionPolicy> stores,
      InformerEventSource<RetentionPolicy, RetentionPolicy> policies) {
    stores.addIndexers(
        Map.of(
            STORES_BY_LOCATION,
            store -> {
              StoreLocation location = StoreLocation.of(store.getSpec());
              return location == null ? List.of() : List.of(location.key());
            }));
    policies.addIndexers(
        Map.of(
            POLICIES_BY_STORE,
            policy ->
                PolicyReferences.store(policy)
                    .map(store -> List.of(storeKey(policy.getMetadata().getNamespace(), store)))
                    .orElse(List.of()),
            POLICIES_BY_TABLE,
            PlanScope::tables));
  }

  public static PlanScope.Lookup lookup(
      InformerEventSource<DataStore, RetentionPolicy> stores,
      InformerEventSource<RetentionPolicy, RetentionPolicy> policies,
      InformerEventSource<ConsentPolicy, RetentionPolicy> consents) {
    return new PlanScope.Lookup() {
      @Override
      public Optional<DataStore> store(String namespace, String name) {
        return stores.get(new ResourceID(name, namespace));
      }

      @Override
      public List<DataStore> storesAt(String locationKey) {
        return stores.byIndex(STORES_BY_LOCATION, locationKey);
      }

      @Override
      public List<RetentionPolicy> policiesOfStore(String namespace, String store) {
        return policies.byIndex(POLICIES_BY_STORE, storeKey(namespace, store));
      }

      @Override
      public List<RetentionPolicy> policiesOfTable(String table) {
        return policies.byIndex(POLICIES_BY_TABLE, table);
      }

      @Override
      public Optional<ConsentPolicy> consentPolicy(String namespace, String name) {
        return consents.get(new ResourceID(name, namespace));
      }
    };
  }

  private static String storeKey(String namespace, String store) {
    return CachedResources.indexKey(namespace, store);
  }
}
