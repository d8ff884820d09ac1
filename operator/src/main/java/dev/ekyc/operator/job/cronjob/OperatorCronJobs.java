package dev.ekyc.operator.job.cronjob;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the CronJobs the operator runs its jobs with: the operator's image with a job command as
 * arguments (the image's entry point is the CLI), in UTC, never two runs of one job at a time, with
 * deadlines, history limits, the job ServiceAccount and the chart's pod-template overrides from
 * {@link JobPodSettings}.
 */
public final class OperatorCronJobs {
  /** Scratch space for the JVM: the root file system is read-only. */
  static final String TMP_VOLUME = "tmp";

  static final String CONTAINER_NAME = "job";

  private final JobPodSettings settings;

  /** Volumes, mounts and environment variables one job adds to the chart's pod template. */
  public record PodAdditions(
      List<Volume> volumes, List<VolumeMount> volumeMounts, List<EnvVar> env) {
    public static final PodAdditions NONE = new PodAdditions(List.of(), List.of(), List.of());

    public PodAdditions {
      volumes = List.copyOf(volumes);
      volumeMounts = List.copyOf(volumeMounts);
      env = List.copyOf(env);
    }
  }

  public OperatorCronJobs(JobPodSettings settings) {
    this.settings = settings.withDefaults();
  }

  public JobPodSettings settings() {
    return settings;
  }

  /**
   * A CronJob named {@code name} in {@code namespace}, firing on {@code schedule} (cron syntax,
   * UTC) and running the image with {@code args}, e.g. {@code ["self-check"]}. {@code labels} go on
   * the CronJob, its Jobs and pods.
   */
  public CronJob cronJob(
      String namespace,
      String name,
      String schedule,
      List<String> args,
      Map<String, String> labels) {
    return cronJob(namespace, name, schedule, args, labels, PodAdditions.NONE);
  }

  /**
   * As above, plus the volumes, mounts and variables one job needs besides the chart's (e.g. its
   * Secrets).
   */
  public CronJob cronJob(
      String namespace,
      String name,
      String schedule,
      List<String> args,
      Map<String, String> labels,
      PodAdditions additions) {
    Map<String, String> podLabels = new LinkedHashMap<>(settings.labels());
    podLabels.putAll(labels);
    podLabels.put("app.kubernetes.io/part-of", "ekyc-operator");
    podLabels.put("app.kubernetes.io/component", "job");
    return new CronJobBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(podLabels)
        .endMetadata()
        .withNewSpec()
        .withSchedule(schedule)
        .withTimeZone("Etc/UTC")
        .withConcurrencyPolicy("Forbid")
        .withStartingDeadlineSeconds(settings.startingDeadlineSeconds())
        .withSuccessfulJobsHistoryLimit(settings.successfulJobsHistoryLimit())
        .withFailedJobsHistoryLimit(settings.failedJobsHistoryLimit())
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(settings.backoffLimit())
        .withActiveDeadlineSeconds(settings.activeDeadlineSeconds())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(podLabels)
        .withAnnotations(settings.annotations())
        .endMetadata()
        .withSpec(podSpec(args, additions))
        .endTemplate()
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }

  private PodSpec podSpec(List<String> args, PodAdditions additions) {
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withServiceAccountName(settings.serviceAccountName())
            .withSecurityContext(settings.podSecurityContext())
            .withNodeSelector(settings.nodeSelector().isEmpty() ? null : settings.nodeSelector())
            .withTolerations(settings.tolerations())
            .withAffinity(orNull(settings.affinity()))
            .withImagePullSecrets(settings.imagePullSecrets())
            .withPriorityClassName(settings.priorityClassName())
            .addNewContainer()
            .withName(CONTAINER_NAME)
            .withImage(settings.image())
            .withImagePullPolicy(settings.imagePullPolicy())
            .withArgs(args)
            .withEnv(env(additions.env()))
            .withResources(settings.resources())
            .withSecurityContext(settings.securityContext())
            .addNewVolumeMount()
            .withName(TMP_VOLUME)
            .withMountPath("/tmp")
            .endVolumeMount()
            .addAllToVolumeMounts(additions.volumeMounts())
            .endContainer()
            .addAllToVolumes(additions.volumes())
            .addNewVolume()
            .withName(TMP_VOLUME)
            .withNewEmptyDir()
            .withSizeLimit(new Quantity("64Mi"))
            .endEmptyDir()
            .endVolume();
    if (Boolean.TRUE.equals(settings.hostNetwork())) {
      pod.withHostNetwork(true);
    }
    if (settings.dnsPolicy() != null) {
      pod.withDnsPolicy(settings.dnsPolicy());
    }
    return pod.build();
  }

  /**
   * The chart's default {@code affinity: {}} says nothing: left out rather than written as an empty
   * object.
   */
  private static Affinity orNull(Affinity affinity) {
    return affinity == null
            || (affinity.getNodeAffinity() == null
                && affinity.getPodAffinity() == null
                && affinity.getPodAntiAffinity() == null)
        ? null
        : affinity;
  }

  /**
   * The job's namespace (for the CLI's defaults), the job's own variables, then the chart's extra
   * variables, which may override them.
   */
  private List<EnvVar> env(List<EnvVar> jobEnv) {
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName("POD_NAMESPACE")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.namespace")
            .endFieldRef()
            .endValueFrom()
            .build());
    env.addAll(jobEnv);
    env.addAll(settings.env());
    return env.stream().map(OperatorCronJobs::withFieldRefVersion).toList();
  }

  /**
   * A fieldRef with the apiVersion the API server would default ("v1"). Server-side apply records a
   * fieldRef as one owned field, so the dependent's matcher compares the whole stored fieldRef,
   * defaulted apiVersion included, with ours: without it every reconcile found the CronJob changed,
   * rewrote it and reported it as changed out of band (seen in the real cluster, where the CronJob
   * controller's status writes trigger a reconcile each minute).
   */
  private static EnvVar withFieldRefVersion(EnvVar var) {
    if (var.getValueFrom() == null
        || var.getValueFrom().getFieldRef() == null
        || var.getValueFrom().getFieldRef().getApiVersion() != null) {
      return var;
    }
    return new EnvVarBuilder(var)
        .editValueFrom()
        .editFieldRef()
        .withApiVersion("v1")
        .endFieldRef()
        .endValueFrom()
        .build();
  }
}
