package dev.ekyc.operator.reconcile.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps only what the reconcilers read, so the operator's memory at 10,000
 * policies is not mostly bookkeeping: {@code metadata.managedFields} is always dropped (server-side
 * apply's record of who owns which field, often as large as the status it describes; nothing here
 * reads it), and with {@link #specOnly} the status too, for informers that only read what a
 * resource asks for (another controller's view of RetentionPolicies). Not for resources whose
 * managedFields server-side apply matching reads (the CronJob dependent's informer), and only for
 * one informer per kind ({@link CacheStores}).
 */
public final class SlimItemStore<R extends HasMetadata> extends BasicItemStore<R> {
  private final boolean dropStatus;

  private SlimItemStore(boolean dropStatus) {
    super(Cache::metaNamespaceKeyFunc);
    this.dropStatus = dropStatus;
  }

  static <R extends HasMetadata> SlimItemStore<R> withoutManagedFields() {
    return new SlimItemStore<>(false);
  }

  /** Also without status: for informers whose users read only metadata and spec. */
  static <R extends CustomResource<?, ?>> SlimItemStore<R> specOnly() {
    return new SlimItemStore<>(true);
  }

  @Override
  public R put(String key, R resource) {
    // The informer hands each object to the cache before its event handlers, so they see the same
    // slim object.
    resource.getMetadata().setManagedFields(null);
    if (dropStatus && resource instanceof CustomResource<?, ?> custom) {
      custom.setStatus(null);
    }
    return super.put(key, resource);
  }
}
