package dev.ekyc.operator.job.cronjob;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.credentials.SecretReferences;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.policy.JobMechanism;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Sha256;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The desired CronJob of one RetentionPolicy: {@code sweep} for object storage and for search
 * stores deleted by the sweep job, {@code purge} for SQL, on the plan's schedule, in the policy's
 * namespace (next to the store's Secrets, which it mounts as volumes: the credentials are never
 * copied into the CronJob). {@code --dry-run} when the policy is in Audit mode or the operator runs
 * with {@code --dry-run}. A policy that is not Ready (in error, in conflict, store not Ready) keeps
 * its CronJob but suspended: nothing runs, so nothing can be deleted early, while the CronJob's
 * history stays for the user to read; the job's own gate would refuse such a policy anyway.
 */
public final class PolicyCronJobs {
  /**
   * Where the store's Secrets are mounted, one directory per Secret, as {@code --credentials-dir}
   * expects.
   */
  public static final String SECRETS_DIR = "/var/run/ekyc/secrets";

  public static final String JOB_LABEL = "ekyc.dev/job";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "ekyc-operator";

  /** CronJob names are limited to 52 characters (the controller appends a suffix for its Jobs). */
  static final int MAX_NAME = 52;

  private final OperatorCronJobs cronJobs;
  private final boolean operatorDryRun;

  public PolicyCronJobs(JobPodSettings settings, boolean operatorDryRun) {
    this.cronJobs = new OperatorCronJobs(settings);
    this.operatorDryRun = operatorDryRun;
  }

  /**
   * The job a plan needs: sweep (objects, or indices of a search store whose indexDeletion is
   * Sweep) or purge when a rule's mechanism is one of theirs, else none.
   */
  public static Optional<JobKind> jobOf(PolicyPlan plan) {
    boolean hasJobMechanism =
        plan.rules().stream()
            .flatMap(r -> r.mechanisms().stream())
            .anyMatch(JobMechanism.class::isInstance);
    if (!hasJobMechanism || plan.schedule() == null || plan.schedule().isBlank()) {
      return Optional.empty();
    }
    JobKind kind = JobKind.forStore(plan.storeType());
    return kind.worksOn(plan.storeType()) ? Optional.of(kind) : Optional.empty();
  }

  /**
   * The CronJob's name: {@code ekyc-<job>-<policy>}, shortened with a hash when the policy's name
   * is long.
   */
  public static String name(JobKind kind, String policy) {
    String full = "ekyc-" + kind.command() + "-" + policy;
    if (full.length() <= MAX_NAME) {
      return full;
    }
    return full.substring(0, MAX_NAME - 11) + "-" + Sha256.hex(policy).substring(0, 10);
  }

  /**
   * The CronJob for {@code policy}, or empty when its plan needs no job (a search store, no
   * schedule, no plan).
   *
   * @param runnable whether the policy is Ready; otherwise the CronJob is suspended
   */
  public Optional<CronJob> desired(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      Optional<DataStore> store,
      boolean runnable) {
    if (plan.isEmpty() || store.isEmpty()) {
      return Optional.empty();
    }
    Optional<JobKind> kind = jobOf(plan.get());
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    String namespace = policy.getMetadata().getNamespace();
    String policyName = policy.getMetadata().getName();
    List<String> args =
        new ArrayList<>(
            List.of(
                kind.get().command(),
                "--namespace",
                namespace,
                "--policy",
                policyName,
                "--deadline",
                cronJobs.settings().activeDeadlineSeconds() + "s"));
    if (operatorDryRun || plan.get().mode() == EnforcementMode.Audit) {
      args.add("--dry-run");
    }
    Map<String, String> labels = new LinkedHashMap<>(RunNames.labels(policyName));
    labels.put(MANAGED_BY_LABEL, MANAGED_BY);
    labels.put(JOB_LABEL, kind.get().command());
    CronJob cronJob =
        cronJobs.cronJob(
            namespace,
            name(kind.get(), policyName),
            plan.get().schedule(),
            args,
            labels,
            secretVolumes(SecretReferences.of(store.get().getSpec())));
    cronJob.getSpec().setSuspend(!runnable);
    return Optional.of(cronJob);
  }

  /**
   * Each Secret the DataStore names, read-only at SECRETS_DIR/<name>; the job reads them from
   * there.
   */
  private static OperatorCronJobs.PodAdditions secretVolumes(Set<String> secrets) {
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    int index = 0;
    for (String secret : secrets) {
      String volume = "secret-" + index++;
      volumes.add(
          new VolumeBuilder()
              .withName(volume)
              .withNewSecret()
              .withSecretName(secret)
              .withDefaultMode(0440)
              .endSecret()
              .build());
      mounts.add(
          new VolumeMountBuilder()
              .withName(volume)
              .withMountPath(SECRETS_DIR + "/" + secret)
              .withReadOnly(true)
              .build());
    }
    EnvVar credentialsDir = new EnvVar("EKYC_CREDENTIALS_DIR", SECRETS_DIR, null);
    return new OperatorCronJobs.PodAdditions(volumes, mounts, List.of(credentialsDir));
  }
}
