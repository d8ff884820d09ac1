package dev.ekyc.operator.job.cronjob;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security contexts of the Pod Security "restricted" level (non-root, no privilege escalation,
 * every capability dropped, RuntimeDefault seccomp) plus a read-only root file system: the defaults
 * for job pods, and the same the chart gives the operator's own pod.
 */
public final class RestrictedSecurity {
  private RestrictedSecurity() {}

  public static PodSecurityContext podSecurityContext() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(JobPodSettings.IMAGE_UID)
        .withRunAsGroup(JobPodSettings.IMAGE_UID)
        .withFsGroup(JobPodSettings.IMAGE_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static SecurityContext containerSecurityContext() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .build();
  }
}
