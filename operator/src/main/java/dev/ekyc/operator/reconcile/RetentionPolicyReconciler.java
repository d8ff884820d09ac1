package dev.ekyc.operator.reconcile;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.credentials.SecretReferences;
import dev.ekyc.operator.enforce.Enforcer;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.job.cronjob.PolicyCronJobs;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.reconcile.informer.AffectedPolicies;
import dev.ekyc.operator.reconcile.informer.CacheStores;
import dev.ekyc.operator.reconcile.informer.CachedResources;
import dev.ekyc.operator.reconcile.informer.GenerationChanged;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import dev.ekyc.operator.reconcile.informer.PlanIndexes;
import dev.ekyc.operator.reconcile.informer.PlanScope;
import dev.ekyc.operator.reconcile.informer.PolicyReferences;
import dev.ekyc.operator.reconcile.informer.SiblingPolicies;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.status.EnforcementFinding;
import dev.ekyc.operator.reconcile.status.JobFinding;
import dev.ekyc.operator.reconcile.status.JobResults;
import dev.ekyc.operator.reconcile.status.ObservationFinding;
import dev.ekyc.operator.reconcile.status.ReadyChangeReporter;
import dev.ekyc.operator.reconcile.status.RetentionPolicyStatusAssembler;
import dev.ekyc.operator.reconcile.status.StatusDiff;
import dev.ekyc.operator.reconcile.status.StatusPatch;
import dev.ekyc.operator.reconcile.step.PolicyCleanup;
import dev.ekyc.operator.reconcile.step.PolicyEnforcement;
import dev.ekyc.operator.reconcile.step.PolicyJobs;
import dev.ekyc.operator.reconcile.step.PolicyObservation;
import dev.ekyc.operator.reconcile.step.PolicyReceipts;
import dev.ekyc.operator.reconcile.step.StoreAccessFactory;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles each RetentionPolicy with the policy core, writes the plan into its status and, once the
 * policy is Ready, applies (Enforce) or compares (Audit, --dry-run) its native backend mechanisms
 * ({@link PolicyEnforcement}). Re-checks every drift interval, and at once when the policy, its
 * DataStore (spec or readiness), one of its ConsentPolicies, the store's Secret or a policy it can
 * conflict with changes (same location, overlapping selection: {@link PlanScope}, which is also all
 * a reconciliation compiles). A finalizer removes what a deleted policy owns on the backend ({@link
 * PolicyCleanup}). Keeps the policy's sweep or purge CronJob and folds the jobs' result records
 * (ConfigMaps watched by label) into status, Compliant and metrics ({@link PolicyJobs}).
 */
@ControllerConfiguration(name = RetentionPolicyReconciler.NAME)
// Invoked from reconcile(): the desired CronJob comes from the plan compiled there.
@Workflow(
    explicitInvocation = true,
    dependents =
        @Dependent(
            type = PolicyCronJobDependent.class,
            reconcilePrecondition = PolicyCronJobDependent.NeedsJob.class))
public final class RetentionPolicyReconciler
    implements Reconciler<RetentionPolicy>, Cleaner<RetentionPolicy> {
  public static final String NAME = "retentionpolicy";
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPolicyReconciler.class);
  private static final String BY_CONSENT = "retentionpolicy-by-consentpolicy";
  private static final String SIBLINGS = "sibling-retentionpolicies";
  private static final String RUN_RESULTS = "run-results";

  private final PolicyCompiler compiler;
  private final ReadyChangeReporter readyChanges;
  private final ReconcileSettings settings;
  private final PolicyEnforcement enforcement;
  private final PolicyCleanup cleanup;
  private final PolicyMetrics metrics;
  private final PolicyJobs jobs;
  private final PolicyObservation observation;
  private final CacheStores caches;
  private Optional<PolicyReceipts> receipts = Optional.empty();

  public RetentionPolicyReconciler(
      PolicyCompiler compiler,
      EventRecorder events,
      ReconcileSettings settings,
      Enforcer enforcer,
      PolicyMetrics metrics) {
    this(compiler, events, settings, enforcer, metrics, Optional.empty());
  }

  /**
   * {@code jobPods} empty: the operator creates no CronJobs (no job pod template), and Compliant
   * says so.
   */
  public RetentionPolicyReconciler(
      PolicyCompiler compiler,
      EventRecorder events,
      ReconcileSettings settings,
      Enforcer enforcer,
      PolicyMetrics metrics,
      Optional<JobPodSettings> jobPods) {
    this(compiler, events, settings, enforcer, metrics, jobPods, CacheStores.INFORMERS_OWN);
  }

  public RetentionPolicyReconciler(
      PolicyCompiler compiler,
      EventRecorder events,
      ReconcileSettings settings,
      Enforcer enforcer,
      PolicyMetrics metrics,
      Optional<JobPodSettings> jobPods,
      CacheStores caches) {
    this.caches = caches;
    this.jobs =
        new PolicyJobs(
            jobPods.map(p -> new PolicyCronJobs(p, settings.dryRun())),
            events,
            metrics,
            jobPods
                .map(
                    p ->
                        new JobResults.Allowance(
                            Duration.ofSeconds(p.withDefaults().startingDeadlineSeconds()),
                            Duration.ofSeconds(p.withDefaults().activeDeadlineSeconds())))
                .orElse(new JobResults.Allowance(Duration.ZERO, Duration.ZERO)));
    this.compiler = compiler;
    this.readyChanges = new ReadyChangeReporter(events);
    this.settings = settings;
    this.enforcement =
        new PolicyEnforcement(enforcer, events, settings.dryRun(), settings.clock(), metrics);
    this.cleanup = new PolicyCleanup(enforcer, events, settings);
    this.metrics = metrics;
    this.observation = new PolicyObservation(events, metrics, settings.driftInterval());
  }

  /**
   * Appends each finished job run's receipts to the installation's log (set once, before the
   * operator starts).
   */
  public RetentionPolicyReconciler recordingReceipts(PolicyReceipts value) {
    this.receipts = Optional.of(value);
    return this;
  }

  @Override
  public List<EventSource<?, RetentionPolicy>> prepareEventSources(
      EventSourceContext<RetentionPolicy> context) {
    var cache = context.getPrimaryCache();
    cache.addIndexer(
        BY_CONSENT,
        policy ->
            PolicyReferences.consentPolicies(policy).stream()
                .map(name -> CachedResources.indexKey(policy.getMetadata().getNamespace(), name))
                .toList());
    // The mappers need the informers they belong to (their indexes); the informers need the mappers
    // first.
    AtomicReference<AffectedPolicies> affected = new AtomicReference<>();
    // In every watched namespace: the core detects policies whose stores point at the same bucket,
    // index or
    // table, even from two namespaces, so moving one store can create or resolve a conflict at
    // either location.
    var stores =
        InformerEventSourceConfiguration.from(DataStore.class, RetentionPolicy.class)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withSecondaryToPrimaryMapper((DataStore store) -> affected.get().ofStore(store))
            .build();
    var consents =
        InformerEventSourceConfiguration.from(ConsentPolicy.class, RetentionPolicy.class)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withOnUpdateFilter(GenerationChanged::test)
            .withSecondaryToPrimaryMapper(
                (ConsentPolicy consent) ->
                    affected
                        .get()
                        .ofConsent(
                            cache.byIndex(
                                BY_CONSENT,
                                CachedResources.indexKey(
                                    consent.getMetadata().getNamespace(),
                                    consent.getMetadata().getName()))))
            .build();
    // The core judges policies together (two policies selecting the same data are both refused), so
    // a
    // policy's spec change, creation or deletion re-plans the policies it can conflict with
    // (PlanScope).
    var siblings =
        InformerEventSourceConfiguration.from(RetentionPolicy.class, RetentionPolicy.class)
            .withName(SIBLINGS)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withOnUpdateFilter(GenerationChanged::test)
            .withSecondaryToPrimaryMapper((RetentionPolicy other) -> affected.get().ofPolicy(other))
            .build();
    // Siblings are read from this informer's cache, not the primary cache: the two informers see a
    // new or
    // deleted policy at different moments, and only this one is guaranteed to hold it when its
    // event
    // re-plans the others (reading the primary cache let a conflict go unnoticed on the older
    // policy).
    InformerEventSource<DataStore, RetentionPolicy> storeSource =
        new InformerEventSource<>(stores, context);
    InformerEventSource<RetentionPolicy, RetentionPolicy> siblingSource =
        new InformerEventSource<>(siblings, context);
    InformerEventSource<ConsentPolicy, RetentionPolicy> consentSource =
        new InformerEventSource<>(consents, context);
    PlanIndexes.addTo(storeSource, siblingSource);
    affected.set(
        new AffectedPolicies(
            PlanIndexes.lookup(storeSource, siblingSource, consentSource),
            siblingSource::get,
            storeSource::get));
    // The store's credentials: a changed Secret re-checks the policies of the stores that read it
    // at once.
    var secrets =
        InformerEventSourceConfiguration.from(Secret.class, RetentionPolicy.class)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withSecondaryToPrimaryMapper(
                (Secret secret) -> {
                  String namespace = secret.getMetadata().getNamespace();
                  Set<String> storeNames =
                      storeSource
                          .list(namespace)
                          .filter(
                              ds ->
                                  SecretReferences.of(ds.getSpec())
                                      .contains(secret.getMetadata().getName()))
                          .map(ds -> ds.getMetadata().getName())
                          .collect(Collectors.toSet());
                  return CachedResources.ids(
                      cache
                          .list(namespace)
                          .filter(
                              p ->
                                  PolicyReferences.store(p).map(storeNames::contains).orElse(false))
                          .toList());
                })
            .build();
    // The jobs' result records: a finished (or started) run updates the status at once.
    var runResults =
        InformerEventSourceConfiguration.from(ConfigMap.class, RetentionPolicy.class)
            .withName(RUN_RESULTS)
            .withNamespacesInheritedFromController()
            .withItemStore(caches.withoutManagedFields())
            .withLabelSelector(RunNames.COMPONENT_LABEL + "=" + RunNames.COMPONENT)
            .withSecondaryToPrimaryMapper(
                (ConfigMap map) ->
                    map.getMetadata().getOwnerReferences().stream()
                        .filter(o -> "RetentionPolicy".equals(o.getKind()))
                        .map(o -> new ResourceID(o.getName(), map.getMetadata().getNamespace()))
                        .collect(Collectors.toSet()))
            .build();
    return List.of(
        storeSource,
        consentSource,
        siblingSource,
        new InformerEventSource<>(secrets, context),
        new InformerEventSource<>(runResults, context));
  }

  @Override
  public UpdateControl<RetentionPolicy> reconcile(
      RetentionPolicy policy, Context<RetentionPolicy> context) {
    String namespace = policy.getMetadata().getNamespace();
    // The policy with what its plan depends on (PlanScope): conflicts are judged by physical
    // location, across
    // namespaces, among the policies that can select the same data; policies being deleted no
    // longer count.
    PolicyInputs inputs = PlanScope.forReconcile(policy, lookup(context));
    NamespaceResources resources =
        new NamespaceResources(
            CachedResources.inNamespace(context, DataStore.class, namespace),
            SiblingPolicies.withCurrent(
                policy,
                siblings(context)
                    .list(namespace)
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .toList()),
            CachedResources.inNamespace(context, ConsentPolicy.class, namespace));
    EnforcementPlan plan = compiler.compile(inputs);
    Instant now = settings.clock().instant();
    RetentionPolicyStatusAssembler.Planned planned =
        RetentionPolicyStatusAssembler.planned(policy, resources, plan, settings.dryRun(), now);
    Optional<DataStore> store = PolicyReferences.store(policy).flatMap(resources::store);
    Optional<PolicyPlan> policyPlan = plan.policy(ResourceRef.of(policy));
    boolean ready = planned.ready();
    List<MechanismCheck> jobChecks = keepCronJob(policy, policyPlan, store, ready, context);
    EnforcementFinding enforced =
        enforcement.enforce(
            policy,
            ready,
            store,
            plan,
            resources.retentionPolicies(),
            accessFactory(context),
            drifted ->
                patchStatus(
                    context,
                    policy,
                    RetentionPolicyStatusAssembler.assemble(
                        planned,
                        new EnforcementFinding.Restoring(drifted),
                        new JobFinding.None(),
                        settings.clock().instant())),
            jobChecks);
    receipts.ifPresent(r -> r.recordLifecycleWrites(policy, policyPlan, store, enforced, now));
    Optional<ConfigMap> record = resultRecord(policy, context);
    receipts.ifPresent(r -> r.record(policy, policyPlan, store, record, now));
    JobFinding jobFinding =
        jobs.results(
            policy,
            policyPlan,
            ready,
            record,
            context
                .getSecondaryResource(CronJob.class)
                .map(c -> c.getMetadata().getCreationTimestamp())
                .map(Instant::parse),
            now);
    ObservationFinding observed =
        observation.observe(policy, ready, store, plan, accessFactory(context), now);
    RetentionPolicyStatus status =
        RetentionPolicyStatusAssembler.assemble(planned, enforced, jobFinding, observed, now);
    List<Condition> previous =
        policy.getStatus() == null ? List.of() : policy.getStatus().conditions;
    readyChanges.report(policy, previous, status.conditions);
    metrics.policy(
        namespace,
        policy.getMetadata().getName(),
        Conditions.isTrue(status.conditions, Conditions.DRIFTED),
        Conditions.isTrue(status.conditions, Conditions.COMPLIANT));
    metrics.policyMode(
        namespace,
        policy.getMetadata().getName(),
        settings.dryRun()
            ? "DryRun"
            : Optional.ofNullable(policy.getSpec().mode).orElse(EnforcementMode.Enforce).name());
    UpdateControl<RetentionPolicy> control =
        StatusDiff.differs(policy.getStatus(), status, Set.of())
            ? UpdateControl.patchStatus(StatusPatch.of(policy, status, RetentionPolicy::new))
            : UpdateControl.noUpdate();
    return control.rescheduleAfter(settings.driftInterval());
  }

  /**
   * Keeps the policy's CronJob through the workflow of its dependent resource; says what that did.
   */
  private List<MechanismCheck> keepCronJob(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      Optional<DataStore> store,
      boolean ready,
      Context<RetentionPolicy> context) {
    Optional<CronJob> desired = jobs.desiredCronJob(policy, plan, store, ready);
    desired.ifPresent(
        d ->
            context
                .managedWorkflowAndDependentResourceContext()
                .put(PolicyCronJobDependent.DESIRED, d));
    Optional<CronJob> before = context.getSecondaryResource(CronJob.class);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    return jobs.cronJobChecks(
        policy, plan, desired, before, PolicyCronJobDependent.written(context));
  }

  private static Optional<ConfigMap> resultRecord(
      RetentionPolicy policy, Context<RetentionPolicy> context) {
    String name = RunNames.record(policy.getMetadata().getName());
    return context.getSecondaryResources(ConfigMap.class).stream()
        .filter(cm -> name.equals(cm.getMetadata().getName()))
        .findFirst();
  }

  private static void patchStatus(
      Context<RetentionPolicy> context, RetentionPolicy policy, RetentionPolicyStatus status) {
    context
        .getClient()
        .resource(StatusPatch.of(policy, status, RetentionPolicy::new))
        .patchStatus();
  }

  @Override
  public DeleteControl cleanup(RetentionPolicy policy, Context<RetentionPolicy> context) {
    String namespace = policy.getMetadata().getNamespace();
    metrics.removePolicy(namespace, policy.getMetadata().getName());
    jobs.forget(policy);
    observation.forget(policy);
    EnforcementPlan planWithout = compiler.compile(PlanScope.without(policy, lookup(context)));
    Optional<DataStore> store =
        PolicyReferences.store(policy)
            .flatMap(
                name ->
                    CachedResources.inNamespace(context, DataStore.class, namespace).stream()
                        .filter(ds -> name.equals(ds.getMetadata().getName()))
                        .findFirst());
    return cleanup.cleanup(
        policy,
        store,
        planWithout,
        accessFactory(context),
        status ->
            context
                .getClient()
                .resource(StatusPatch.of(policy, status, RetentionPolicy::new))
                .patchStatus());
  }

  @SuppressWarnings("unchecked")
  private StoreAccessFactory accessFactory(Context<RetentionPolicy> context) {
    var secrets =
        (InformerEventSource<Secret, RetentionPolicy>)
            context.eventSourceRetriever().getEventSourceFor(Secret.class);
    return new StoreAccessFactory(
        (namespace, name) -> secrets.get(new ResourceID(name, namespace)), settings.dryRun());
  }

  @SuppressWarnings("unchecked")
  private static PlanScope.Lookup lookup(Context<RetentionPolicy> context) {
    var retriever = context.eventSourceRetriever();
    return PlanIndexes.lookup(
        (InformerEventSource<DataStore, RetentionPolicy>)
            retriever.getEventSourceFor(DataStore.class),
        siblings(context),
        (InformerEventSource<ConsentPolicy, RetentionPolicy>)
            retriever.getEventSourceFor(ConsentPolicy.class));
  }

  @SuppressWarnings("unchecked")
  private static InformerEventSource<RetentionPolicy, RetentionPolicy> siblings(
      Context<RetentionPolicy> context) {
    return (InformerEventSource<RetentionPolicy, RetentionPolicy>)
        context.eventSourceRetriever().getEventSourceFor(RetentionPolicy.class, SIBLINGS);
  }

  @Override
  public ErrorStatusUpdateControl<RetentionPolicy> updateErrorStatus(
      RetentionPolicy policy, Context<RetentionPolicy> context, Exception e) {
    LOG.error(
        "RetentionPolicy {}/{}: planning failed",
        policy.getMetadata().getNamespace(),
        policy.getMetadata().getName(),
        e);
    RetentionPolicyStatus status =
        RetentionPolicyStatusAssembler.planFailed(policy, e, settings.clock().instant());
    return ErrorStatusUpdateControl.patchStatus(
        StatusPatch.of(policy, status, RetentionPolicy::new));
  }
}
