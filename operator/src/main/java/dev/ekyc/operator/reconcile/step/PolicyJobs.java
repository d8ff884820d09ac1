package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RunSummary;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordReader;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.job.cronjob.PolicyCronJobs;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.policy.CronSchedule;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Sha256;
import dev.ekyc.operator.reconcile.status.JobFinding;
import dev.ekyc.operator.reconcile.status.JobResults;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job part of a RetentionPolicy's reconciliation: the policy's sweep or purge CronJob as
 * planned (the reconciler hands it to its dependent resource), whether the workflow had to create,
 * update or restore it, and what the job's result record says ({@link JobFinding}, rendered by the
 * assembler), with events and metrics.
 */
public final class PolicyJobs {
  /**
   * Hash of the spec the operator last wrote: an update while it still matches undoes an
   * out-of-band change.
   */
  static final String SPEC_HASH = "ekyc.dev/spec-hash";

  static final String MECHANISM = "CronJob";

  private final Optional<PolicyCronJobs> cronJobs;
  private final EventRecorder events;
  private final PolicyMetrics metrics;
  private final JobResults.Allowance allowance;
  private final ReportedProblems reported = new ReportedProblems();

  public PolicyJobs(
      Optional<PolicyCronJobs> cronJobs,
      EventRecorder events,
      PolicyMetrics metrics,
      JobResults.Allowance allowance) {
    this.cronJobs = cronJobs;
    this.events = events;
    this.metrics = metrics;
    this.allowance = allowance;
  }

  /**
   * The CronJob the plan needs, carrying the hash of its spec; empty when the policy has no job to
   * run.
   */
  public Optional<CronJob> desiredCronJob(
      RetentionPolicy policy, Optional<PolicyPlan> plan, Optional<DataStore> store, boolean ready) {
    Optional<CronJob> desired = cronJobs.flatMap(c -> c.desired(policy, plan, store, ready));
    desired.ifPresent(
        d -> {
          d.getMetadata()
              .setAnnotations(
                  new java.util.LinkedHashMap<>(
                      d.getMetadata().getAnnotations() == null
                          ? java.util.Map.of()
                          : d.getMetadata().getAnnotations()));
          d.getMetadata().getAnnotations().put(SPEC_HASH, hash(d));
        });
    return desired;
  }

  /**
   * What keeping the CronJob did this time, as checks for the policy's job rules (empty when it has
   * no job).
   *
   * @param before the CronJob as it was before the workflow ran
   * @param written what the workflow did: "created", "updated", or empty when the CronJob already
   *     matched
   */
  public List<MechanismCheck> cronJobChecks(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      Optional<CronJob> desired,
      Optional<CronJob> before,
      Optional<String> written) {
    if (desired.isEmpty()) {
      return List.of();
    }
    CronJob wanted = desired.get();
    String hash = wanted.getMetadata().getAnnotations().get(SPEC_HASH);
    MechanismState state;
    String difference;
    if (written.isEmpty()) {
      state = MechanismState.InSync;
      difference = "";
    } else if (before.isPresent() && hash.equals(annotation(before.get()))) {
      state = MechanismState.Corrected;
      difference =
          "changed out of band; restored to the planned schedule, command and pod template";
    } else if (before.isEmpty() && recordedVerified(policy, wanted.getMetadata().getName())) {
      state = MechanismState.Corrected;
      difference = "deleted out of band; created again";
    } else {
      state = MechanismState.Applied;
      difference =
          (written.get().equals("created") ? "created" : "updated")
              + ": '"
              + wanted.getSpec().getSchedule()
              + "' (UTC), "
              + String.join(" ", args(wanted))
              + (Boolean.TRUE.equals(wanted.getSpec().getSuspend())
                  ? ", suspended while the policy is not Ready"
                  : "");
    }
    return plan.orElseThrow().rules().stream()
        .filter(JobResults::isJobRule)
        .map(
            rule ->
                new MechanismCheck(
                    policy.getMetadata().getName(),
                    rule.name(),
                    MECHANISM,
                    wanted.getMetadata().getName(),
                    before.isPresent(),
                    state,
                    difference,
                    List.of()))
        .toList();
  }

  /**
   * Reads the job's result record against the plan, records events for new results and new
   * problems, and exports the job metrics.
   *
   * @param recordMap the policy's result record ConfigMap, if there is one
   * @param cronJobCreated when the policy's CronJob was created, if it exists
   */
  public JobFinding results(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      boolean ready,
      Optional<ConfigMap> recordMap,
      Optional<Instant> cronJobCreated,
      Instant now) {
    String namespace = policy.getMetadata().getNamespace();
    String name = policy.getMetadata().getName();
    Optional<JobKind> kind = plan.flatMap(PolicyCronJobs::jobOf);
    if (kind.isEmpty()) {
      metrics.removeJob(namespace, name);
      reported.forget(policy);
      return new JobFinding.None();
    }
    if (cronJobs.isEmpty()) {
      metrics.removeJob(namespace, name);
      return new JobFinding.NotRun(
          kind.get(),
          "the operator has no job pod template ("
              + JobPodSettings.ENVIRONMENT_VARIABLE
              + ", set by the Helm chart)");
    }
    Optional<RunRecord> record;
    List<JobResults.Problem> problems = new ArrayList<>();
    try {
      record = recordMap.flatMap(RunRecordReader::fromConfigMap);
    } catch (IllegalStateException e) {
      record = Optional.empty();
      problems.add(
          new JobResults.Problem(
              JobResults.JOB_FAILED,
              "the result record ConfigMap "
                  + RunNames.record(name)
                  + " cannot be read: "
                  + e.getMessage()));
    }
    JobResults results =
        JobResults.of(plan.get(), record, cronJobCreated.orElse(now), !ready, allowance, now);
    problems.addAll(results.problems());
    Optional<RunSummary> summary = results.summary(now);

    Set<String> previousRuns = previousRunIds(policy);
    results
        .ruleRuns()
        .forEach(
            (rule, run) -> {
              if (!Boolean.TRUE.equals(run.dryRun) && run.completionTime != null) {
                metrics.countRun(
                    namespace,
                    name,
                    kind.get().command(),
                    rule,
                    run.runId,
                    run.deleted == null ? 0 : run.deleted,
                    run.erased == null ? 0 : run.erased);
                if (run.bucketVersioning != null) {
                  metrics.countObjectCopies(
                      namespace,
                      name,
                      kind.get().command(),
                      rule,
                      run.runId,
                      nonNull(run.removedDeleteMarkers),
                      nonNull(run.abortedUploads),
                      nonNull(run.hiddenNotErased));
                }
              }
            });
    record
        .filter(r -> !previousRuns.contains(r.runId()) && RunOutcome.Succeeded.equals(r.outcome()))
        .ifPresent(
            r ->
                events.record(
                    policy,
                    EventRecorder.Type.Normal,
                    "JobSucceeded",
                    r.command()
                        + " run "
                        + r.runId()
                        + " succeeded"
                        + (r.reportOnly() ? " (dry run: nothing deleted)" : "")
                        + ": "
                        + summary.map(t -> t.deleted).orElse(null)
                        + " deleted, "
                        + summary.map(t -> t.erased).orElse(null)
                        + " erased"));
    metrics.jobLastSuccess(namespace, name, kind.get().command(), results.lastSuccess());
    metrics.jobExpectedInterval(
        namespace,
        name,
        kind.get().command(),
        CronSchedule.parse(plan.get().schedule()).longestGap());
    metrics.overdue(namespace, name, results.overdueSeconds());
    for (JobResults.Problem problem : reported.onlyNew(policy, problems)) {
      events.record(policy, EventRecorder.Type.Warning, problem.reason(), problem.message());
    }
    return new JobFinding.Results(kind.get(), results, problems, summary);
  }

  /** A deleted policy's remembered problems go with it. */
  public void forget(RetentionPolicy policy) {
    reported.forget(policy);
  }

  private static Set<String> previousRunIds(RetentionPolicy policy) {
    if (policy.getStatus() == null || policy.getStatus().rules == null) {
      return Set.of();
    }
    return policy.getStatus().rules.stream()
        .map(r -> r.lastRun)
        .filter(Objects::nonNull)
        .map(r -> r.runId)
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  /**
   * Whether the status says the CronJob had been in place (so its absence now is a deletion out of
   * band).
   */
  private static boolean recordedVerified(RetentionPolicy policy, String cronJob) {
    return policy.getStatus() != null
        && policy.getStatus().rules != null
        && policy.getStatus().rules.stream()
            .filter(r -> r.applied != null)
            .flatMap(r -> r.applied.stream())
            .anyMatch(
                a ->
                    cronJob.equals(a.ownedName)
                        && a.state != null
                        && !MechanismState.NotApplied.name().equals(a.state));
  }

  private static String annotation(CronJob cronJob) {
    return cronJob.getMetadata().getAnnotations() == null
        ? null
        : cronJob.getMetadata().getAnnotations().get(SPEC_HASH);
  }

  private static List<String> args(CronJob cronJob) {
    return cronJob
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getArgs();
  }

  static String hash(CronJob cronJob) {
    return Sha256.hex(Serialization.asJson(cronJob.getSpec())).substring(0, 16);
  }

  private static long nonNull(Long count) {
    return count == null ? 0 : count;
  }
}
