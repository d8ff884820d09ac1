package dev.ekyc.operator.reconcile.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * The informer caches the controllers use: {@link SlimItemStore}s when the operator watches all
 * namespaces, the informers' own stores (null) otherwise. JOSDK hands one configured store to the
 * informer of every watched namespace, and an informer's re-list removes from its store whatever
 * its namespace did not list, so a store shared by several namespaces' informers would lose the
 * other namespaces' resources. With all namespaces there is one informer per kind (the chart's
 * default, {@code watchNamespaces: []}).
 */
public record CacheStores(boolean slim) {
  public static final CacheStores INFORMERS_OWN = new CacheStores(false);

  public static CacheStores forNamespaces(java.util.Set<String> watched) {
    return new CacheStores(watched.isEmpty());
  }

  public <R extends HasMetadata> ItemStore<R> withoutManagedFields() {
    return slim ? SlimItemStore.withoutManagedFields() : null;
  }

  public <R extends CustomResource<?, ?>> ItemStore<R> specOnly() {
    return slim ? SlimItemStore.specOnly() : null;
  }
}
