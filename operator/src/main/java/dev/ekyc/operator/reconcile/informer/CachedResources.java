package dev.ekyc.operator.reconcile.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads secondary resources out of a controller's informer caches (never modify what comes back).
 */
public final class CachedResources {
  private CachedResources() {}

  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata, P extends HasMetadata> List<T> inNamespace(
      Context<P> context, Class<T> type, String namespace) {
    var source = (InformerEventSource<T, P>) context.eventSourceRetriever().getEventSourceFor(type);
    return source.list(namespace).toList();
  }

  /** Every cached resource of the type, in all watched namespaces. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata, P extends HasMetadata> List<T> everywhere(
      Context<P> context, Class<T> type) {
    var source = (InformerEventSource<T, P>) context.eventSourceRetriever().getEventSourceFor(type);
    return source.list().toList();
  }

  public static <P extends HasMetadata> List<P> primariesInNamespace(
      Context<P> context, String namespace) {
    return context.getPrimaryCache().list(namespace).toList();
  }

  public static Set<ResourceID> ids(Collection<? extends HasMetadata> resources) {
    return resources.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  public static String indexKey(String namespace, String name) {
    return namespace + "/" + name;
  }
}
