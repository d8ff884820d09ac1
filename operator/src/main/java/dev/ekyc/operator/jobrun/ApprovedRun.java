package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.objectstore.CopyCoverage;
import dev.ekyc.operator.policy.PolicyPlan;
import java.util.List;

/**
 * A policy the gate let through: the resources as read at the start of the run and their compiled
 * plan. {@code dryRun} is true for {@code --dry-run} and for a policy in Audit mode: same
 * decisions, nothing deleted. {@code coveredObjectPrefixes}: every enforceable object rule of the
 * whole plan, so a sweep can tell whether a bucket its data replicates to is covered by a promise
 * as short.
 */
public record ApprovedRun(
    RetentionPolicy policy,
    DataStore store,
    PolicyPlan plan,
    boolean dryRun,
    List<CopyCoverage.CoveredPrefix> coveredObjectPrefixes) {

  public ApprovedRun {
    coveredObjectPrefixes = List.copyOf(coveredObjectPrefixes);
  }

  public ApprovedRun(RetentionPolicy policy, DataStore store, PolicyPlan plan, boolean dryRun) {
    this(policy, store, plan, dryRun, List.of());
  }

  public String namespace() {
    return policy.getMetadata().getNamespace();
  }

  public String policyName() {
    return policy.getMetadata().getName();
  }

  /** What the record and the logs call the run's mode. */
  public RunMode mode() {
    if (plan.mode() == EnforcementMode.Audit) {
      return RunMode.Audit;
    }
    return dryRun ? RunMode.DryRun : RunMode.Enforce;
  }
}
