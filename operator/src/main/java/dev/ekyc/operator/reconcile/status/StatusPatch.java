package dev.ekyc.operator.reconcile.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.function.Supplier;

/**
 * A fresh resource holding only name, namespace and status: what a status patch should send, so the
 * operator never writes back (or takes ownership of) spec fields it read from the cache.
 */
public final class StatusPatch {
  private StatusPatch() {}

  public static <S, R extends CustomResource<?, S>> R of(R original, S status, Supplier<R> fresh) {
    R patch = fresh.get();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(original.getMetadata().getName())
            .withNamespace(original.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return patch;
  }
}
