package dev.ekyc.operator.reconcile;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.reconcile.informer.CacheStores;
import dev.ekyc.operator.reconcile.informer.CachedResources;
import dev.ekyc.operator.reconcile.informer.GenerationChanged;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.status.ConsentPolicyStatusFactory;
import dev.ekyc.operator.reconcile.status.ReadyChangeReporter;
import dev.ekyc.operator.reconcile.status.StatusDiff;
import dev.ekyc.operator.reconcile.status.StatusPatch;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports which RetentionPolicies use each ConsentPolicy and whether the policy core found it
 * consistent. Any RetentionPolicy change re-checks the ConsentPolicies of its namespace: a
 * reference may have been added or removed, and there are few ConsentPolicies per namespace.
 */
@ControllerConfiguration(name = ConsentPolicyReconciler.NAME)
public final class ConsentPolicyReconciler implements Reconciler<ConsentPolicy> {
  public static final String NAME = "consentpolicy";
  private static final Logger LOG = LoggerFactory.getLogger(ConsentPolicyReconciler.class);

  private final PolicyCompiler compiler;
  private final ReadyChangeReporter readyChanges;
  private final ReconcileSettings settings;
  private final CacheStores caches;

  public ConsentPolicyReconciler(
      PolicyCompiler compiler, EventRecorder events, ReconcileSettings settings) {
    this(compiler, events, settings, CacheStores.INFORMERS_OWN);
  }

  public ConsentPolicyReconciler(
      PolicyCompiler compiler,
      EventRecorder events,
      ReconcileSettings settings,
      CacheStores caches) {
    this.caches = caches;
    this.compiler = compiler;
    this.readyChanges = new ReadyChangeReporter(events);
    this.settings = settings;
  }

  @Override
  public List<EventSource<?, ConsentPolicy>> prepareEventSources(
      EventSourceContext<ConsentPolicy> context) {
    var cache = context.getPrimaryCache();
    var policies =
        InformerEventSourceConfiguration.from(RetentionPolicy.class, ConsentPolicy.class)
            .withNamespacesInheritedFromController()
            // The core reads the policies' specs only: their status stays out of this cache.
            .withItemStore(caches.specOnly())
            .withOnUpdateFilter(GenerationChanged::test)
            .withSecondaryToPrimaryMapper(
                (RetentionPolicy policy) ->
                    CachedResources.ids(cache.list(policy.getMetadata().getNamespace()).toList()))
            .build();
    // Stores are only read (the core needs them to compile); their changes do not concern consent.
    var stores =
        InformerEventSourceConfiguration.from(DataStore.class, ConsentPolicy.class)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withSecondaryToPrimaryMapper((DataStore store) -> Set.of())
            .build();
    return List.of(
        new InformerEventSource<>(policies, context), new InformerEventSource<>(stores, context));
  }

  @Override
  public UpdateControl<ConsentPolicy> reconcile(
      ConsentPolicy consent, Context<ConsentPolicy> context) {
    String namespace = consent.getMetadata().getNamespace();
    NamespaceResources resources =
        new NamespaceResources(
            CachedResources.inNamespace(context, DataStore.class, namespace),
            CachedResources.inNamespace(context, RetentionPolicy.class, namespace),
            CachedResources.primariesInNamespace(context, namespace));
    EnforcementPlan plan = compiler.compile(resources.toInputs());
    ConsentPolicyStatus status =
        ConsentPolicyStatusFactory.from(consent, resources, plan, settings.clock().instant());
    readyChanges.report(
        consent,
        consent.getStatus() == null ? null : consent.getStatus().conditions,
        status.conditions);
    if (!StatusDiff.differs(consent.getStatus(), status, Set.of())) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(StatusPatch.of(consent, status, ConsentPolicy::new));
  }

  @Override
  public ErrorStatusUpdateControl<ConsentPolicy> updateErrorStatus(
      ConsentPolicy consent, Context<ConsentPolicy> context, Exception e) {
    LOG.error(
        "ConsentPolicy {}/{}: check failed",
        consent.getMetadata().getNamespace(),
        consent.getMetadata().getName(),
        e);
    ConsentPolicyStatus status = new ConsentPolicyStatus();
    long generation =
        consent.getMetadata().getGeneration() == null ? 0L : consent.getMetadata().getGeneration();
    status.observedGeneration = generation;
    if (consent.getStatus() != null) {
      status.usedBy = consent.getStatus().usedBy;
    }
    status.conditions =
        Conditions.withTransitionTimes(
            Conditions.progressing(
                generation,
                "PlanFailed",
                "internal error while checking: "
                    + e.getClass().getSimpleName()
                    + "; see the operator log"),
            consent.getStatus() == null ? List.of() : consent.getStatus().conditions,
            settings.clock().instant());
    return ErrorStatusUpdateControl.patchStatus(
        StatusPatch.of(consent, status, ConsentPolicy::new));
  }
}
