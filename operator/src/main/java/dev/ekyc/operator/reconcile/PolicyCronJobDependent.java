package dev.ekyc.operator.reconcile;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's sweep or purge CronJob as a JOSDK dependent resource: created, kept equal to the
 * desired state (an out-of-band edit or deletion is undone at the next reconcile) and owned by the
 * policy, so it goes with it. The reconciler computes the desired CronJob from the plan ({@link
 * dev.ekyc.operator.job.cronjob.PolicyCronJobs}) and hands it over through the workflow context;
 * this class records whether it had to create or update it, which the reconciler reports as Applied
 * or Corrected.
 */
@KubernetesDependent(informer = @Informer(labelSelector = PolicyCronJobDependent.SELECTOR))
public final class PolicyCronJobDependent
    extends CRUDKubernetesDependentResource<CronJob, RetentionPolicy> {
  static final String SELECTOR =
      "app.kubernetes.io/managed-by=ekyc-operator,app.kubernetes.io/component=job";
  public static final String DESIRED = "desired-cronjob";
  static final String WRITTEN = "cronjob-written";

  public PolicyCronJobDependent() {
    super(CronJob.class);
  }

  @Override
  protected CronJob desired(RetentionPolicy policy, Context<RetentionPolicy> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(DESIRED, CronJob.class);
  }

  @Override
  public CronJob create(CronJob desired, RetentionPolicy policy, Context<RetentionPolicy> context) {
    context.managedWorkflowAndDependentResourceContext().put(WRITTEN, "created");
    return super.create(desired, policy, context);
  }

  @Override
  public CronJob update(
      CronJob actual, CronJob desired, RetentionPolicy policy, Context<RetentionPolicy> context) {
    context.managedWorkflowAndDependentResourceContext().put(WRITTEN, "updated");
    return super.update(actual, desired, policy, context);
  }

  /**
   * The policy's CronJob among those it owns. Without a desired CronJob (the plan needs no job any
   * more) this is the one to delete, whatever its name (sweep or purge) was.
   */
  @Override
  protected Optional<CronJob> selectTargetSecondaryResource(
      Set<CronJob> owned, RetentionPolicy policy, Context<RetentionPolicy> context) {
    Optional<String> name =
        context
            .managedWorkflowAndDependentResourceContext()
            .get(DESIRED, CronJob.class)
            .map(c -> c.getMetadata().getName());
    return owned.stream()
        .filter(c -> name.map(n -> n.equals(c.getMetadata().getName())).orElse(true))
        .findFirst();
  }

  /**
   * What the last workflow run did: "created", "updated", or empty when the CronJob already
   * matched.
   */
  public static Optional<String> written(Context<RetentionPolicy> context) {
    return context.managedWorkflowAndDependentResourceContext().get(WRITTEN, String.class);
  }

  /** Only a policy whose plan needs a job has a CronJob; for any other the dependent is deleted. */
  public static final class NeedsJob implements Condition<CronJob, RetentionPolicy> {
    @Override
    public boolean isMet(
        DependentResource<CronJob, RetentionPolicy> dependent,
        RetentionPolicy policy,
        Context<RetentionPolicy> context) {
      return context
          .managedWorkflowAndDependentResourceContext()
          .get(DESIRED, CronJob.class)
          .isPresent();
    }
  }
}
