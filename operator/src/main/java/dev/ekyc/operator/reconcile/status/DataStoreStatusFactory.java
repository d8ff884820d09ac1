package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreStatus;
import dev.ekyc.operator.policy.StoreTypes;
import dev.ekyc.operator.probe.ProbeResult;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Turns a probe result into a DataStore status. */
public final class DataStoreStatusFactory {
  /** Fields that change on every probe and alone never justify a status write. */
  public static final java.util.Set<String> VOLATILE_FIELDS = java.util.Set.of("lastProbeTime");

  private DataStoreStatusFactory() {}

  public static DataStoreStatus from(DataStore store, ProbeResult result, Instant now) {
    DataStoreStatus previous = store.getStatus();
    long generation = generationOf(store);
    DataStoreStatus status = new DataStoreStatus();
    status.observedGeneration = generation;
    status.storeType = StoreTypes.of(store.getSpec()).orElse(null);
    // On failure keep the version of the last successful probe: it is still the best knowledge
    // there is.
    status.backendVersion =
        result.isSuccess()
            ? result.backendVersion()
            : previous == null ? null : previous.backendVersion;
    status.lastProbeTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
    String reason = result.outcome().name();
    List<Condition> desired;
    if (result.isSuccess()) {
      desired = Conditions.ready(generation, reason, result.message());
    } else if (result.outcome().needsUser()) {
      desired = Conditions.stalled(generation, reason, result.message());
    } else {
      desired = Conditions.progressing(generation, reason, result.message());
    }
    status.conditions =
        Conditions.withTransitionTimes(
            desired, previous == null ? List.of() : previous.conditions, now);
    return status;
  }

  static long generationOf(DataStore store) {
    Long generation = store.getMetadata().getGeneration();
    return generation == null ? 0L : generation;
  }
}
