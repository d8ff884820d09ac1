package dev.ekyc.operator.reconcile;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyCompiler;
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
 * Compiles each RetentionPolicy with the policy core and writes the plan into its status. Re-plans when the
 * policy, its DataStore (spec or readiness), one of its ConsentPolicies or another policy of the namespace
 * changes. Changes no backend yet.
 */
@ControllerConfiguration(name = RetentionPolicyReconciler.NAME)
public final class RetentionPolicyReconciler implements Reconciler<RetentionPolicy> {
  public static final String NAME = "retentionpolicy";
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPolicyReconciler.class);
  private static final String BY_CONSENT = "retentionpolicy-by-consentpolicy";
  private static final String SIBLINGS = "sibling-retentionpolicies";

  private final PolicyCompiler compiler;
  private final ReadyChangeReporter readyChanges;
  private final ReconcileSettings settings;

  public RetentionPolicyReconciler(PolicyCompiler compiler, EventRecorder events, ReconcileSettings settings) {
    this.compiler = compiler;
    this.readyChanges = new ReadyChangeReporter(events);
    this.settings = settings;
  }

  @Override
  public List<EventSource<?, RetentionPolicy>> prepareEventSources(EventSourceContext<RetentionPolicy> context) {
    var cache = context.getPrimaryCache();
    cache.addIndexer(BY_CONSENT, policy -> PolicyReferences.consentPolicies(policy).stream()
        .map(name -> CachedResources.indexKey(policy.getMetadata().getNamespace(), name))
        .toList());
    // Every policy, not only those naming the store, and in every watched namespace: the core detects policies
    // whose stores point at the same bucket, index or table, even from two namespaces, so moving one store can
    // create or resolve a conflict anywhere.
    var stores = InformerEventSourceConfiguration.from(DataStore.class, RetentionPolicy.class)
        .withNamespacesInheritedFromController()
        .withSecondaryToPrimaryMapper((DataStore store) -> CachedResources.ids(cache.list().toList()))
        .build();
    var consents = InformerEventSourceConfiguration.from(ConsentPolicy.class, RetentionPolicy.class)
        .withNamespacesInheritedFromController()
        .withOnUpdateFilter(GenerationChanged::test)
        .withSecondaryToPrimaryMapper((ConsentPolicy consent) -> CachedResources.ids(cache.byIndex(BY_CONSENT,
            CachedResources.indexKey(consent.getMetadata().getNamespace(), consent.getMetadata().getName()))))
        .build();
    // The core judges policies together (two policies selecting the same data are both refused), so a
    // policy's spec change, creation or deletion re-plans every policy.
    var siblings = InformerEventSourceConfiguration.from(RetentionPolicy.class, RetentionPolicy.class)
        .withName(SIBLINGS)
        .withNamespacesInheritedFromController()
        .withOnUpdateFilter(GenerationChanged::test)
        .withSecondaryToPrimaryMapper((RetentionPolicy other) -> CachedResources.ids(cache.list().toList()))
        .build();
    // Siblings are read from this informer's cache, not the primary cache: the two informers see a new or
    // deleted policy at different moments, and only this one is guaranteed to hold it when its event
    // re-plans the others (reading the primary cache let a conflict go unnoticed on the older policy).
    return List.of(new InformerEventSource<>(stores, context), new InformerEventSource<>(consents, context),
        new InformerEventSource<>(siblings, context));
  }

  @Override
  public UpdateControl<RetentionPolicy> reconcile(RetentionPolicy policy, Context<RetentionPolicy> context) {
    String namespace = policy.getMetadata().getNamespace();
    List<RetentionPolicy> allPolicies = SiblingPolicies.withCurrent(policy, siblings(context).list().toList());
    NamespaceResources resources = new NamespaceResources(
        CachedResources.inNamespace(context, DataStore.class, namespace),
        allPolicies.stream().filter(p -> namespace.equals(p.getMetadata().getNamespace())).toList(),
        CachedResources.inNamespace(context, ConsentPolicy.class, namespace));
    // Compiled over all watched namespaces: conflicts are judged by physical location, not by namespace.
    EnforcementPlan plan = compiler.compile(new PolicyInputs(
        CachedResources.everywhere(context, DataStore.class),
        allPolicies,
        CachedResources.everywhere(context, ConsentPolicy.class)));
    RetentionPolicyStatus status = RetentionPolicyStatusFactory.from(policy, resources, plan, settings.dryRun(),
        settings.clock().instant());
    readyChanges.report(policy, policy.getStatus() == null ? null : policy.getStatus().conditions,
        status.conditions);
    if (!StatusDiff.differs(policy.getStatus(), status, Set.of())) {
      return UpdateControl.noUpdate();
    }
    return UpdateControl.patchStatus(StatusPatch.of(policy, status, RetentionPolicy::new));
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<RetentionPolicy, RetentionPolicy> siblings(Context<RetentionPolicy> context) {
    return (InformerEventSource<RetentionPolicy, RetentionPolicy>) context.eventSourceRetriever()
        .getEventSourceFor(RetentionPolicy.class, SIBLINGS);
  }

  @Override
  public ErrorStatusUpdateControl<RetentionPolicy> updateErrorStatus(RetentionPolicy policy,
      Context<RetentionPolicy> context, Exception e) {
    LOG.error("RetentionPolicy {}/{}: planning failed", policy.getMetadata().getNamespace(),
        policy.getMetadata().getName(), e);
    RetentionPolicyStatus status = policy.getStatus() == null ? new RetentionPolicyStatus() : copyOf(policy.getStatus());
    long generation = policy.getMetadata().getGeneration() == null ? 0L : policy.getMetadata().getGeneration();
    status.conditions = Conditions.withTransitionTimes(
        Conditions.progressing(generation, "PlanFailed",
            "internal error while planning: " + e.getClass().getSimpleName() + "; see the operator log"),
        status.conditions, settings.clock().instant());
    return ErrorStatusUpdateControl.patchStatus(StatusPatch.of(policy, status, RetentionPolicy::new));
  }

  private static RetentionPolicyStatus copyOf(RetentionPolicyStatus status) {
    return new io.fabric8.kubernetes.client.utils.KubernetesSerialization().clone(status);
  }
}
