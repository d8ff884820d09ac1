package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleRun;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place a RetentionPolicy's status is composed: from the plan ({@link
 * RetentionPolicyStatusFactory}: rules, worst cases, Ready/Reconciling/Stalled), what the
 * enforcement found ({@link EnforcementFinding}: applied mechanisms, Drifted, Compliant) and what
 * the job says ({@link JobFinding}: last runs, Compliant's job part). It alone renders conditions,
 * reasons, messages and transition times; the steps that gather findings never touch the status,
 * and no decision reads a previous condition's message.
 */
public final class RetentionPolicyStatusAssembler {
  public static final String PLAN_FAILED = "PlanFailed";
  public static final String CLEANUP_FAILED = "CleanupFailed";
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private RetentionPolicyStatusAssembler() {}

  /**
   * The plan's part of the status, before enforcement and jobs: tells whether the policy is Ready.
   */
  public record Planned(RetentionPolicy policy, RetentionPolicyStatus status) {
    public boolean ready() {
      return Conditions.isTrue(status.conditions, Conditions.READY);
    }

    long generation() {
      return status.observedGeneration == null ? 0L : status.observedGeneration;
    }
  }

  public static Planned planned(
      RetentionPolicy policy,
      NamespaceResources resources,
      EnforcementPlan plan,
      boolean dryRun,
      Instant now) {
    return new Planned(
        policy, RetentionPolicyStatusFactory.from(policy, resources, plan, dryRun, now));
  }

  /** The whole status without an observation of the store (interim statuses). */
  public static RetentionPolicyStatus assemble(
      Planned planned, EnforcementFinding enforcement, JobFinding jobs, Instant now) {
    return assemble(planned, enforcement, jobs, new ObservationFinding.None(), now);
  }

  /**
   * The whole status: the plan's part, the enforcement's, the job's and the store's own, with
   * transition times.
   */
  public static RetentionPolicyStatus assemble(
      Planned planned,
      EnforcementFinding enforcement,
      JobFinding jobs,
      ObservationFinding observation,
      Instant now) {
    RetentionPolicy policy = planned.policy();
    RetentionPolicyStatus status = JSON.clone(planned.status());
    long generation = planned.generation();
    List<Condition> conditions = new ArrayList<>(status.conditions);
    if (enforcement instanceof EnforcementFinding.Checked checked) {
      EnforcementStatus.recordApplied(status, checked.checks(), checked.readAt());
      conditions.addAll(EnforcementStatus.checked(generation, checked.checks(), checked.mode()));
    } else if (enforcement instanceof EnforcementFinding.Failed failed) {
      keepPreviousApplied(policy, status);
      conditions =
          new ArrayList<>(
              Conditions.progressing(
                  generation,
                  EnforcementStatus.APPLY_FAILED,
                  failed.message() + " (retried every drift interval)"));
      conditions.addAll(
          EnforcementStatus.notChecked(
              generation, EnforcementStatus.CHECK_FAILED, failed.message()));
    } else if (enforcement instanceof EnforcementFinding.Restoring restoring) {
      keepPreviousApplied(policy, status);
      conditions.addAll(EnforcementStatus.restoring(generation, restoring.drifted()));
    } else if (enforcement instanceof EnforcementFinding.NotChecked notChecked) {
      keepPreviousApplied(policy, status);
      conditions.addAll(
          EnforcementStatus.notChecked(generation, notChecked.reason(), notChecked.message()));
    }
    status.conditions = conditions;
    applyJobs(status, jobs);
    applyObservation(policy, status, observation);
    status.conditions =
        Conditions.withTransitionTimes(status.conditions, previousConditions(policy), now);
    return status;
  }

  /** The previous status with Ready=False/PlanFailed: planning threw, which is a bug of ours. */
  public static RetentionPolicyStatus planFailed(RetentionPolicy policy, Exception e, Instant now) {
    RetentionPolicyStatus status =
        policy.getStatus() == null ? new RetentionPolicyStatus() : JSON.clone(policy.getStatus());
    status.conditions =
        Conditions.withTransitionTimes(
            Conditions.progressing(
                generationOf(policy),
                PLAN_FAILED,
                "internal error while planning: "
                    + e.getClass().getSimpleName()
                    + "; see the operator log"),
            status.conditions,
            now);
    return status;
  }

  /**
   * The previous status with Ready=False/CleanupFailed while a deleted policy waits for its
   * backend.
   */
  public static RetentionPolicyStatus cleanupFailed(
      RetentionPolicy policy, String message, Instant now) {
    RetentionPolicyStatus status =
        policy.getStatus() == null ? new RetentionPolicyStatus() : JSON.clone(policy.getStatus());
    List<Condition> previous = status.conditions == null ? List.of() : status.conditions;
    List<Condition> desired =
        new ArrayList<>(Conditions.progressing(generationOf(policy), CLEANUP_FAILED, message));
    previous.stream()
        .filter(
            c ->
                !List.of(Conditions.READY, Conditions.RECONCILING, Conditions.STALLED)
                    .contains(c.getType()))
        .forEach(desired::add);
    status.conditions = Conditions.withTransitionTimes(desired, previous, now);
    return status;
  }

  private static void applyJobs(RetentionPolicyStatus status, JobFinding jobs) {
    if (jobs instanceof JobFinding.NotRun notRun) {
      status.conditions =
          replaceCompliant(
              status.conditions,
              c ->
                  copy(
                      c,
                      c.getStatus(),
                      c.getReason(),
                      c.getMessage()
                          + "; the "
                          + notRun.kind().command()
                          + " job is not run: "
                          + notRun.why()));
    } else if (jobs instanceof JobFinding.Results results) {
      results.summary().ifPresent(summary -> status.lastRun = summary);
      for (RuleStatus rule : status.rules) {
        RuleRun run = results.results().ruleRuns().get(rule.name);
        rule.lastRun = run;
      }
      status.conditions = replaceCompliant(status.conditions, c -> jobCompliant(c, results));
    }
  }

  /**
   * What the store really holds: rules' oldest data and residual copies, and Compliant's observed
   * part (data past its bound, a copy outliving a promise): a problem turns True into False with
   * the first problem's reason. Without a reading this time (not Ready, or a reconcile between two
   * drift intervals that reused nothing), the last known observation stays, as applied mechanisms
   * do.
   */
  private static void applyObservation(
      RetentionPolicy policy, RetentionPolicyStatus status, ObservationFinding observation) {
    if (!(observation instanceof ObservationFinding.Observed observed)) {
      return;
    }
    List<JobResults.Problem> problems = ObservationStatus.render(status, observed);
    if (problems.isEmpty()) {
      return;
    }
    String text =
        problems.stream().map(JobResults.Problem::message).collect(Collectors.joining("; "));
    status.conditions =
        replaceCompliant(
            status.conditions,
            c ->
                "True".equals(c.getStatus())
                    ? copy(c, "False", problems.get(0).reason(), text)
                    : copy(c, c.getStatus(), c.getReason(), c.getMessage() + "; " + text));
  }

  /**
   * Compliant with the job's part: a problem turns True into False with the first problem's reason.
   */
  private static Condition jobCompliant(Condition compliant, JobFinding.Results found) {
    String command = found.kind().command();
    List<JobResults.Problem> problems = found.problems();
    if (problems.isEmpty()) {
      JobResults results = found.results();
      String runText =
          results.record().isEmpty()
              ? "no run yet (CronJob in place since " + results.lastSuccess() + ")"
              : "last success " + results.lastSuccess();
      return copy(
          compliant,
          compliant.getStatus(),
          compliant.getReason(),
          compliant.getMessage() + "; " + command + " job: " + runText + ", nothing overdue");
    }
    String problemText =
        problems.stream().map(JobResults.Problem::message).collect(Collectors.joining("; "));
    if ("True".equals(compliant.getStatus())) {
      return copy(compliant, "False", problems.get(0).reason(), command + " job: " + problemText);
    }
    return copy(
        compliant,
        compliant.getStatus(),
        compliant.getReason(),
        compliant.getMessage() + "; " + command + " job: " + problemText);
  }

  private static List<Condition> replaceCompliant(
      List<Condition> conditions, java.util.function.UnaryOperator<Condition> change) {
    Optional<Condition> compliant = Conditions.find(conditions, Conditions.COMPLIANT);
    if (compliant.isEmpty()) {
      return conditions;
    }
    Condition next = change.apply(compliant.get());
    return conditions.stream().map(c -> c == compliant.get() ? next : c).toList();
  }

  private static Condition copy(Condition c, String status, String reason, String message) {
    return Conditions.condition(
        c.getType(),
        status,
        reason,
        message,
        c.getObservedGeneration() == null ? 0L : c.getObservedGeneration());
  }

  /**
   * When the backend was not read this time, the last known facts stay (their lastVerified says how
   * old).
   */
  private static void keepPreviousApplied(RetentionPolicy policy, RetentionPolicyStatus status) {
    if (policy.getStatus() == null || policy.getStatus().rules == null || status.rules == null) {
      return;
    }
    for (RuleStatus rule : status.rules) {
      policy.getStatus().rules.stream()
          .filter(r -> r.name != null && r.name.equals(rule.name))
          .findFirst()
          .ifPresent(old -> rule.applied = old.applied == null ? new ArrayList<>() : old.applied);
    }
  }

  private static List<Condition> previousConditions(RetentionPolicy policy) {
    return policy.getStatus() == null || policy.getStatus().conditions == null
        ? List.of()
        : policy.getStatus().conditions;
  }

  private static long generationOf(RetentionPolicy policy) {
    return policy.getMetadata().getGeneration() == null ? 0L : policy.getMetadata().getGeneration();
  }
}
