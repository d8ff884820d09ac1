package dev.ekyc.operator.job.cronjob;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/**
 * How the operator's job pods look, as the Helm chart configures them: the operator's own image and
 * the job ServiceAccount, the chart's pod-template overrides (annotations, labels, node selector,
 * tolerations, affinity, host network, DNS policy, priority class, pull secrets, extra env), the
 * security contexts, resources and the CronJob deadlines and history limits. The chart passes it to
 * the operator as JSON in {@value #ENVIRONMENT_VARIABLE}; missing fields take safe defaults (see
 * {@link #withDefaults()}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobPodSettings(
    String image,
    String imagePullPolicy,
    String serviceAccountName,
    Map<String, String> annotations,
    Map<String, String> labels,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Affinity affinity,
    Boolean hostNetwork,
    String dnsPolicy,
    String priorityClassName,
    List<LocalObjectReference> imagePullSecrets,
    List<EnvVar> env,
    ResourceRequirements resources,
    PodSecurityContext podSecurityContext,
    SecurityContext securityContext,
    Long activeDeadlineSeconds,
    Long startingDeadlineSeconds,
    Integer backoffLimit,
    Integer successfulJobsHistoryLimit,
    Integer failedJobsHistoryLimit) {

  /** The variable the chart's Deployment sets on the operator container. */
  public static final String ENVIRONMENT_VARIABLE = "EKYC_JOB_POD_TEMPLATE";

  /** The uid the operator image runs as (operator/pom.xml, image.uid). */
  public static final long IMAGE_UID = 65532L;

  /**
   * Reads {@value #ENVIRONMENT_VARIABLE}; a clear error names the variable when it is not valid
   * JSON.
   */
  public static JobPodSettings fromEnvironment(Map<String, String> environment) {
    String json = environment.get(ENVIRONMENT_VARIABLE);
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException(
          ENVIRONMENT_VARIABLE
              + " is not set: the Helm chart sets it on the operator"
              + " container; outside the chart set it to a JSON object with at least \"image\"");
    }
    return fromJson(json);
  }

  public static JobPodSettings fromJson(String json) {
    JobPodSettings parsed;
    try {
      parsed = Serialization.unmarshal(json, JobPodSettings.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          ENVIRONMENT_VARIABLE
              + " is not a valid job pod template (JSON object"
              + " with image, serviceAccountName, ...): "
              + e.getMessage(),
          e);
    }
    if (parsed == null || parsed.image() == null || parsed.image().isBlank()) {
      throw new IllegalArgumentException(
          ENVIRONMENT_VARIABLE + ".image is missing: set it to the operator's image");
    }
    return parsed.withDefaults();
  }

  /**
   * Empty collections instead of nulls, the restricted Pod Security profile when no security
   * context is given, and conservative deadlines: a run that cannot start within 5 minutes is
   * skipped, one that runs for more than an hour is stopped, and a failed run is retried once.
   */
  public JobPodSettings withDefaults() {
    return new JobPodSettings(
        image,
        orDefault(imagePullPolicy, "IfNotPresent"),
        serviceAccountName,
        orDefault(annotations, Map.of()),
        orDefault(labels, Map.of()),
        orDefault(nodeSelector, Map.of()),
        orDefault(tolerations, List.of()),
        affinity,
        orDefault(hostNetwork, Boolean.FALSE),
        dnsPolicy == null || dnsPolicy.isBlank() ? null : dnsPolicy,
        priorityClassName == null || priorityClassName.isBlank() ? null : priorityClassName,
        orDefault(imagePullSecrets, List.of()),
        orDefault(env, List.of()),
        resources,
        orDefault(podSecurityContext, RestrictedSecurity.podSecurityContext()),
        orDefault(securityContext, RestrictedSecurity.containerSecurityContext()),
        orDefault(activeDeadlineSeconds, 3600L),
        orDefault(startingDeadlineSeconds, 300L),
        orDefault(backoffLimit, 1),
        orDefault(successfulJobsHistoryLimit, 1),
        orDefault(failedJobsHistoryLimit, 3));
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
