package dev.ekyc.operator.reconcile;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleRun;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.jobrun.JobKind;
import dev.ekyc.operator.jobrun.RunNames;
import dev.ekyc.operator.jobrun.RunRecord;
import dev.ekyc.operator.jobrun.RunRecordReader;
import dev.ekyc.operator.jobs.PolicyCronJobs;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.policy.PolicyPlan;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job part of a RetentionPolicy's reconciliation: keeps the policy's sweep or purge CronJob as planned (through
 * the {@link PolicyCronJobDependent} workflow), says whether it had to be created, updated or restored, and folds
 * the job's result record into status (last run per rule), the Compliant condition, events and metrics.
 */
final class PolicyJobs {
  /** Hash of the spec the operator last wrote: an update while it still matches undoes an out-of-band change. */
  static final String SPEC_HASH = "ekyc.dev/spec-hash";
  static final String MECHANISM = "CronJob";

  private final Optional<PolicyCronJobs> cronJobs;
  private final EventRecorder events;
  private final PolicyMetrics metrics;
  private final JobResults.Allowance allowance;

  PolicyJobs(Optional<PolicyCronJobs> cronJobs, EventRecorder events, PolicyMetrics metrics,
      JobResults.Allowance allowance) {
    this.cronJobs = cronJobs;
    this.events = events;
    this.metrics = metrics;
    this.allowance = allowance;
  }

  /** What keeping the CronJob did this time, as checks for the policy's job rules (empty when it has no job). */
  List<MechanismCheck> keepCronJob(RetentionPolicy policy, Optional<PolicyPlan> plan, Optional<DataStore> store,
      boolean ready, Context<RetentionPolicy> context) {
    Optional<CronJob> desired = cronJobs.flatMap(c -> c.desired(policy, plan, store, ready));
    desired.ifPresent(d -> {
      d.getMetadata().setAnnotations(new java.util.LinkedHashMap<>(
          d.getMetadata().getAnnotations() == null ? java.util.Map.of() : d.getMetadata().getAnnotations()));
      d.getMetadata().getAnnotations().put(SPEC_HASH, hash(d));
      context.managedWorkflowAndDependentResourceContext().put(PolicyCronJobDependent.DESIRED, d);
    });
    Optional<CronJob> before = context.getSecondaryResource(CronJob.class);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    if (desired.isEmpty()) {
      return List.of();
    }
    CronJob wanted = desired.get();
    String hash = wanted.getMetadata().getAnnotations().get(SPEC_HASH);
    Optional<String> written = PolicyCronJobDependent.written(context);
    MechanismState state;
    String difference;
    if (written.isEmpty()) {
      state = MechanismState.InSync;
      difference = "";
    } else if (before.isPresent() && hash.equals(annotation(before.get()))) {
      state = MechanismState.Corrected;
      difference = "changed out of band; restored to the planned schedule, command and pod template";
    } else if (before.isEmpty() && recordedVerified(policy, wanted.getMetadata().getName())) {
      state = MechanismState.Corrected;
      difference = "deleted out of band; created again";
    } else {
      state = MechanismState.Applied;
      difference = (written.get().equals("created") ? "created" : "updated") + ": '"
          + wanted.getSpec().getSchedule() + "' (UTC), " + String.join(" ", args(wanted))
          + (Boolean.TRUE.equals(wanted.getSpec().getSuspend()) ? ", suspended while the policy is not Ready" : "");
    }
    return plan.orElseThrow().rules().stream().filter(JobResults::isJobRule)
        .map(rule -> new MechanismCheck(policy.getMetadata().getName(), rule.name(), MECHANISM,
            wanted.getMetadata().getName(), before.isPresent(), state, difference, List.of()))
        .toList();
  }

  /**
   * Folds the result record into {@code status} (after enforcement set Compliant), records events for new results
   * and problems, and exports the job metrics.
   */
  void foldResults(RetentionPolicy policy, RetentionPolicyStatus status, Optional<PolicyPlan> plan, boolean ready,
      Context<RetentionPolicy> context, Instant now) {
    String namespace = policy.getMetadata().getNamespace();
    String name = policy.getMetadata().getName();
    Optional<JobKind> kind = plan.flatMap(PolicyCronJobs::jobOf);
    if (kind.isEmpty()) {
      metrics.removeJob(namespace, name);
      return;
    }
    if (cronJobs.isEmpty()) {
      metrics.removeJob(namespace, name);
      appendToCompliant(status, "; the " + kind.get().command() + " job is not run: the operator has no job pod"
          + " template (" + dev.ekyc.operator.jobs.JobPodSettings.ENVIRONMENT_VARIABLE + ", set by the Helm chart)");
      return;
    }
    Optional<RunRecord> record;
    List<JobResults.Problem> unreadable = new ArrayList<>();
    try {
      record = context.getSecondaryResources(ConfigMap.class).stream()
          .filter(cm -> RunNames.record(name).equals(cm.getMetadata().getName()))
          .findFirst().flatMap(RunRecordReader::fromConfigMap);
    } catch (IllegalStateException e) {
      record = Optional.empty();
      unreadable.add(new JobResults.Problem(JobResults.JOB_FAILED, "the result record ConfigMap "
          + RunNames.record(name) + " cannot be read: " + e.getMessage()));
    }
    Instant created = context.getSecondaryResource(CronJob.class)
        .map(c -> c.getMetadata().getCreationTimestamp()).map(Instant::parse).orElse(now);
    JobResults results = JobResults.of(plan.get(), record, created, !ready, allowance, now);
    List<JobResults.Problem> problems = new ArrayList<>(unreadable);
    problems.addAll(results.problems());

    results.summary(now).ifPresent(summary -> status.lastRun = summary);
    Set<String> previousRuns = previousRunIds(policy);
    for (RuleStatus rule : status.rules) {
      RuleRun run = results.ruleRuns().get(rule.name);
      rule.lastRun = run;
      if (run != null && !Boolean.TRUE.equals(run.dryRun) && run.completionTime != null) {
        metrics.countRun(namespace, name, kind.get().command(), rule.name, run.runId,
            run.deleted == null ? 0 : run.deleted, run.erased == null ? 0 : run.erased);
        if (run.bucketVersioning != null) {
          metrics.countObjectCopies(namespace, name, kind.get().command(), rule.name, run.runId,
              nonNull(run.removedDeleteMarkers), nonNull(run.abortedUploads), nonNull(run.hiddenNotErased));
        }
      }
    }
    record.filter(r -> !previousRuns.contains(r.runId()) && RunRecord.SUCCEEDED.equals(r.outcome()))
        .ifPresent(r -> events.record(policy, EventRecorder.Type.Normal, "JobSucceeded", r.command() + " run "
            + r.runId() + " succeeded" + (r.reportOnly() ? " (dry run: nothing deleted)" : "") + ": "
            + status.lastRun.deleted + " deleted, " + status.lastRun.erased + " erased"));

    metrics.jobLastSuccess(namespace, name, kind.get().command(), results.lastSuccess());
    metrics.overdue(namespace, name, results.overdueSeconds());
    applyToCompliant(policy, status, kind.get(), results, problems);
  }

  private void applyToCompliant(RetentionPolicy policy, RetentionPolicyStatus status, JobKind kind,
      JobResults results, List<JobResults.Problem> problems) {
    Optional<Condition> compliant = Conditions.find(status.conditions, Conditions.COMPLIANT);
    if (compliant.isEmpty()) {
      return;
    }
    String problemText = problems.stream().map(JobResults.Problem::message).collect(Collectors.joining("; "));
    Condition next;
    if (problems.isEmpty()) {
      String runText = results.record().isEmpty() ? "no run yet (CronJob in place since " + results.lastSuccess() + ")"
          : "last success " + results.lastSuccess();
      next = copy(compliant.get(), compliant.get().getStatus(), compliant.get().getReason(),
          compliant.get().getMessage() + "; " + kind.command() + " job: " + runText + ", nothing overdue");
    } else if ("True".equals(compliant.get().getStatus())) {
      next = copy(compliant.get(), "False", problems.get(0).reason(), kind.command() + " job: " + problemText);
    } else {
      next = copy(compliant.get(), compliant.get().getStatus(), compliant.get().getReason(),
          compliant.get().getMessage() + "; " + kind.command() + " job: " + problemText);
    }
    status.conditions = status.conditions.stream().map(c -> c == compliant.get() ? next : c).toList();
    Optional<Condition> previous = policy.getStatus() == null ? Optional.empty()
        : Conditions.find(policy.getStatus().conditions, Conditions.COMPLIANT);
    for (JobResults.Problem problem : problems) {
      boolean known = previous.map(p -> p.getMessage() != null && p.getMessage().contains(problem.key()))
          .orElse(false);
      if (!known) {
        events.record(policy, EventRecorder.Type.Warning, problem.reason(), problem.message());
      }
    }
  }

  private static void appendToCompliant(RetentionPolicyStatus status, String text) {
    status.conditions = status.conditions.stream()
        .map(c -> Conditions.COMPLIANT.equals(c.getType()) ? copy(c, c.getStatus(), c.getReason(), c.getMessage() + text)
            : c)
        .toList();
  }

  private static Condition copy(Condition c, String status, String reason, String message) {
    return Conditions.condition(c.getType(), status, reason, message,
        c.getObservedGeneration() == null ? 0L : c.getObservedGeneration());
  }

  private static Set<String> previousRunIds(RetentionPolicy policy) {
    if (policy.getStatus() == null || policy.getStatus().rules == null) {
      return Set.of();
    }
    return policy.getStatus().rules.stream().map(r -> r.lastRun).filter(Objects::nonNull).map(r -> r.runId)
        .filter(Objects::nonNull).collect(Collectors.toSet());
  }

  /** Whether the status says the CronJob had been in place (so its absence now is a deletion out of band). */
  private static boolean recordedVerified(RetentionPolicy policy, String cronJob) {
    return policy.getStatus() != null && policy.getStatus().rules != null && policy.getStatus().rules.stream()
        .filter(r -> r.applied != null).flatMap(r -> r.applied.stream())
        .anyMatch(a -> cronJob.equals(a.ownedName) && a.state != null
            && !MechanismState.NotApplied.name().equals(a.state));
  }

  private static String annotation(CronJob cronJob) {
    return cronJob.getMetadata().getAnnotations() == null ? null
        : cronJob.getMetadata().getAnnotations().get(SPEC_HASH);
  }

  private static List<String> args(CronJob cronJob) {
    return cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
  }

  static String hash(CronJob cronJob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(cronJob.getSpec()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long nonNull(Long count) {
    return count == null ? 0 : count;
  }
}
