package dev.ekyc.operator.reconcile.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Update filter for secondary resources whose status does not matter to the watching controller:
 * passes only spec (generation) changes, so one controller's status writes do not wake the others
 * for nothing.
 */
public final class GenerationChanged {
  private GenerationChanged() {}

  public static <R extends HasMetadata> boolean test(R newResource, R oldResource) {
    return !Objects.equals(
        newResource.getMetadata().getGeneration(), oldResource.getMetadata().getGeneration());
  }
}
