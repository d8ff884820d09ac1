package dev.ekyc.operator.reconcile;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.DataStoreStatus;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.credentials.SecretReferences;
import dev.ekyc.operator.credentials.StoreSecrets;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.observe.ProbeMetrics;
import dev.ekyc.operator.probe.BackendProbe;
import dev.ekyc.operator.probe.ProbeOutcome;
import dev.ekyc.operator.probe.ProbeResult;
import dev.ekyc.operator.reconcile.informer.CacheStores;
import dev.ekyc.operator.reconcile.informer.CachedResources;
import dev.ekyc.operator.reconcile.informer.GenerationChanged;
import dev.ekyc.operator.reconcile.informer.PolicyReferences;
import dev.ekyc.operator.reconcile.settings.ProbeSchedule;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.status.DataStoreStatusFactory;
import dev.ekyc.operator.reconcile.status.ReadyChangeReporter;
import dev.ekyc.operator.reconcile.status.StatusDiff;
import dev.ekyc.operator.reconcile.status.StatusPatch;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes each DataStore's backend with the credentials from its Secrets and reports the result as
 * conditions. Re-probes periodically, and at once when a referenced Secret changes.
 */
@ControllerConfiguration(name = DataStoreReconciler.NAME)
public final class DataStoreReconciler implements Reconciler<DataStore>, Cleaner<DataStore> {
  public static final String NAME = "datastore";
  private static final Logger LOG = LoggerFactory.getLogger(DataStoreReconciler.class);
  static final String SECRET_INDEX = "datastore-by-secret";

  private final BackendProbe probe;
  private final ReadyChangeReporter readyChanges;
  private final ProbeMetrics metrics;
  private final ProbeSchedule schedule;
  private final Clock clock;
  private final EventRecorder events;
  private final PolicyMetrics policyMetrics;
  private final CacheStores caches;

  public DataStoreReconciler(
      BackendProbe probe,
      EventRecorder events,
      ProbeMetrics metrics,
      ProbeSchedule schedule,
      Clock clock,
      PolicyMetrics policyMetrics) {
    this(probe, events, metrics, schedule, clock, policyMetrics, CacheStores.INFORMERS_OWN);
  }

  public DataStoreReconciler(
      BackendProbe probe,
      EventRecorder events,
      ProbeMetrics metrics,
      ProbeSchedule schedule,
      Clock clock,
      PolicyMetrics policyMetrics,
      CacheStores caches) {
    this.caches = caches;
    this.probe = probe;
    this.readyChanges = new ReadyChangeReporter(events);
    this.metrics = metrics;
    this.schedule = schedule;
    this.clock = clock;
    this.events = events;
    this.policyMetrics = policyMetrics;
  }

  @Override
  public List<EventSource<?, DataStore>> prepareEventSources(
      EventSourceContext<DataStore> context) {
    context
        .getPrimaryCache()
        .addIndexer(
            SECRET_INDEX,
            store ->
                SecretReferences.of(store.getSpec()).stream()
                    .map(name -> CachedResources.indexKey(store.getMetadata().getNamespace(), name))
                    .toList());
    var secrets =
        InformerEventSourceConfiguration.from(Secret.class, DataStore.class)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withSecondaryToPrimaryMapper(
                (Secret secret) ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            SECRET_INDEX,
                            CachedResources.indexKey(
                                secret.getMetadata().getNamespace(),
                                secret.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .build();
    // The policies that use a store: its deletion waits for them (see cleanup), and each one's
    // deletion wakes it.
    // Spec changes and deletions only: a policy's status is written every drift interval and must
    // not re-probe.
    var policies =
        InformerEventSourceConfiguration.from(RetentionPolicy.class, DataStore.class)
            .withNamespacesInheritedFromController()
            // Only which policies name the store is read here: their status stays out of this
            // cache.
            .withItemStore(caches.specOnly())
            .withOnUpdateFilter(GenerationChanged::test)
            .withSecondaryToPrimaryMapper(
                (RetentionPolicy policy) ->
                    PolicyReferences.store(policy)
                        .map(
                            name ->
                                Set.of(new ResourceID(name, policy.getMetadata().getNamespace())))
                        .orElse(Set.of()))
            .build();
    return List.of(
        new InformerEventSource<>(secrets, context), new InformerEventSource<>(policies, context));
  }

  /**
   * A DataStore that RetentionPolicies still use stays until they are gone: their finalizers need
   * its endpoint and Secret to remove their lifecycle rules and ILM policies, so deleting it first
   * would orphan that configuration. Deleting a namespace deletes the policies too, so this only
   * waits for their cleanup (itself bounded by the cleanup timeout).
   */
  @Override
  public DeleteControl cleanup(DataStore store, Context<DataStore> context) {
    String namespace = store.getMetadata().getNamespace();
    String name = store.getMetadata().getName();
    List<String> users =
        CachedResources.inNamespace(context, RetentionPolicy.class, namespace).stream()
            .filter(p -> PolicyReferences.store(p).map(name::equals).orElse(false))
            .map(p -> p.getMetadata().getName())
            .sorted()
            .toList();
    if (users.isEmpty()) {
      policyMetrics.removeStore(namespace, name);
      return DeleteControl.defaultDelete();
    }
    events.record(
        store,
        EventRecorder.Type.Warning,
        "DeletionWaiting",
        "RetentionPolicies "
            + users
            + " still use this store: it is deleted once they are gone (deleting them removes their backend"
            + " configuration, which needs this store). Delete them, or point them at another store.");
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(30));
  }

  @Override
  public UpdateControl<DataStore> reconcile(DataStore store, Context<DataStore> context) {
    Instant started = clock.instant();
    ProbeResult result = probe(store, secretLookup(store, context));
    Instant now = clock.instant();
    DataStoreStatus status = DataStoreStatusFactory.from(store, result, now);
    metrics.recordProbe(
        String.valueOf(status.storeType), result.outcome().name(), Duration.between(started, now));
    policyMetrics.store(
        store.getMetadata().getNamespace(),
        store.getMetadata().getName(),
        String.valueOf(status.storeType),
        Conditions.isTrue(status.conditions, Conditions.READY));
    LOG.debug(
        "DataStore {}/{}: {} ({})",
        store.getMetadata().getNamespace(),
        store.getMetadata().getName(),
        result.outcome(),
        result.message());
    readyChanges.report(
        store, store.getStatus() == null ? null : store.getStatus().conditions, status.conditions);

    UpdateControl<DataStore> control =
        StatusDiff.differs(store.getStatus(), status, DataStoreStatusFactory.VOLATILE_FIELDS)
            ? UpdateControl.patchStatus(StatusPatch.of(store, status, DataStore::new))
            : UpdateControl.noUpdate();
    return control.rescheduleAfter(schedule.next(status.conditions, now));
  }

  private ProbeResult probe(DataStore store, StoreSecrets secrets) {
    StoreSecrets.Resolution resolution = secrets.resolve(store.getSpec());
    if (resolution instanceof StoreSecrets.Failed failed) {
      return ProbeResult.of(failed.problem());
    }
    return probe.probe(store.getSpec(), ((StoreSecrets.Resolved) resolution).credentials());
  }

  private static StoreSecrets secretLookup(DataStore store, Context<DataStore> context) {
    @SuppressWarnings("unchecked")
    var cache =
        (InformerEventSource<Secret, DataStore>)
            context.eventSourceRetriever().getEventSourceFor(Secret.class);
    String namespace = store.getMetadata().getNamespace();
    return new StoreSecrets(name -> cache.get(new ResourceID(name, namespace)));
  }

  @Override
  public ErrorStatusUpdateControl<DataStore> updateErrorStatus(
      DataStore store, Context<DataStore> context, Exception e) {
    // Only bugs end up here: backend trouble is a ProbeResult. Say so on the resource and let JOSDK
    // retry.
    LOG.error(
        "DataStore {}/{}: reconciliation failed",
        store.getMetadata().getNamespace(),
        store.getMetadata().getName(),
        e);
    ProbeResult result =
        ProbeResult.failed(
            ProbeOutcome.ProbeFailed,
            "internal error while probing: "
                + e.getClass().getSimpleName()
                + "; see the operator log");
    DataStoreStatus status = DataStoreStatusFactory.from(store, result, clock.instant());
    return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(store, status, DataStore::new));
  }
}
