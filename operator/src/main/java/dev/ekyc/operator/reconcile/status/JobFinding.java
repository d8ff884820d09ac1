package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.RunSummary;
import dev.ekyc.operator.job.JobKind;
import java.util.List;
import java.util.Optional;

/**
 * What the policy's job (its CronJob and result record) says; {@link
 * RetentionPolicyStatusAssembler} renders it.
 */
public sealed interface JobFinding {

  /**
   * The plan has no job mechanism (or the status is an interim one written before the jobs were
   * read).
   */
  record None() implements JobFinding {}

  /** The plan needs a job but the operator cannot create it: it has no job pod template. */
  record NotRun(JobKind kind, String why) implements JobFinding {}

  /**
   * The job's results read against the plan, and every problem that makes the policy not Compliant.
   */
  record Results(
      JobKind kind,
      JobResults results,
      List<JobResults.Problem> problems,
      Optional<RunSummary> summary)
      implements JobFinding {}
}
