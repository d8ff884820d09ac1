package dev.ekyc.operator.job.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorCronJobsTest {
  private static final String CHART_JSON =
      """
      {"image":"registry.example/ekyc-operator:0.1.0","imagePullPolicy":"Always","serviceAccountName":"ekyc-job",
       "annotations":{"team":"privacy"},"labels":{"tier":"jobs"},"nodeSelector":{"pool":"batch"},
       "tolerations":[{"key":"batch","operator":"Exists","effect":"NoSchedule"}],
       "hostNetwork":true,"dnsPolicy":"ClusterFirstWithHostNet","priorityClassName":"low",
       "imagePullSecrets":[{"name":"pull"}],"env":[{"name":"KUBERNETES_SERVICE_PORT","value":"16443"}],
       "resources":{"requests":{"cpu":"50m","memory":"128Mi"},"limits":{"memory":"256Mi"}},
       "activeDeadlineSeconds":600,"startingDeadlineSeconds":120,"backoffLimit":0,
       "successfulJobsHistoryLimit":2,"failedJobsHistoryLimit":5,"somethingNewer":"ignored"}
      """;

  @Test
  void theCronJobRunsInUtcOneAtATimeWithDeadlinesAndTheChartsOverrides() {
    CronJob cronJob =
        new OperatorCronJobs(JobPodSettings.fromJson(CHART_JSON))
            .cronJob(
                "team-a",
                "sweep-media",
                "*/15 * * * *",
                List.of("self-check"),
                Map.of("ekyc.dev/policy", "media"));

    var spec = cronJob.getSpec();
    assertThat(spec.getSchedule()).isEqualTo("*/15 * * * *");
    assertThat(spec.getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(spec.getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(spec.getStartingDeadlineSeconds()).isEqualTo(120L);
    assertThat(spec.getSuccessfulJobsHistoryLimit()).isEqualTo(2);
    assertThat(spec.getFailedJobsHistoryLimit()).isEqualTo(5);
    assertThat(spec.getJobTemplate().getSpec().getBackoffLimit()).isZero();
    assertThat(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);

    var template = spec.getJobTemplate().getSpec().getTemplate();
    assertThat(template.getMetadata().getLabels())
        .containsEntry("tier", "jobs")
        .containsEntry("ekyc.dev/policy", "media")
        .containsEntry("app.kubernetes.io/component", "job");
    assertThat(template.getMetadata().getAnnotations()).containsEntry("team", "privacy");
    PodSpec pod = template.getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getServiceAccountName()).isEqualTo("ekyc-job");
    assertThat(pod.getNodeSelector()).containsEntry("pool", "batch");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("batch"));
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
    assertThat(pod.getPriorityClassName()).isEqualTo("low");
    assertThat(pod.getImagePullSecrets())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("pull"));

    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.example/ekyc-operator:0.1.0");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(container.getCommand()).as("the image's entry point is the CLI").isEmpty();
    assertThat(container.getArgs()).containsExactly("self-check");
    assertThat(container.getEnv())
        .extracting(e -> e.getName())
        .containsExactly("POD_NAMESPACE", "KUBERNETES_SERVICE_PORT");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getVolumeMounts())
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
  }

  @Test
  void withoutSecurityContextsTheJobPodMeetsTheRestrictedProfile() {
    PodSpec pod =
        new OperatorCronJobs(
                JobPodSettings.fromJson("{\"image\":\"i:1\",\"serviceAccountName\":\"sa\"}"))
            .cronJob("ns", "n", "0 * * * *", List.of("x"), Map.of())
            .getSpec()
            .getJobTemplate()
            .getSpec()
            .getTemplate()
            .getSpec();

    assertThat(pod.getHostNetwork()).as("host network only when asked for").isNull();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    var container = pod.getContainers().get(0).getSecurityContext();
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(
            new OperatorCronJobs(JobPodSettings.fromJson("{\"image\":\"i:1\"}"))
                .cronJob("ns", "n", "0 * * * *", List.of("x"), Map.of())
                .getSpec())
        .satisfies(
            s -> {
              assertThat(s.getStartingDeadlineSeconds()).isEqualTo(300L);
              assertThat(s.getJobTemplate().getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
              assertThat(s.getJobTemplate().getSpec().getBackoffLimit()).isEqualTo(1);
            });
  }

  /**
   * What the API server stores must equal what the operator applies, or every reconcile rewrites
   * the CronJob and reports it as changed out of band (ReferenceJobsClusterIT found this):
   * fieldRefs carry the apiVersion the server would default, and the chart's empty {@code affinity:
   * {}} is left out.
   */
  @Test
  void theCronJobCarriesWhatTheApiServerWouldDefaultInFieldsItOwnsWhole() {
    String chartDefaults =
        """
        {"image":"i:1","imagePullPolicy":"IfNotPresent","serviceAccountName":"sa","annotations":{},"labels":{},
         "nodeSelector":{},"tolerations":[],"affinity":{},"hostNetwork":false,"dnsPolicy":"","priorityClassName":"",
         "imagePullSecrets":[],"env":[{"name":"JAVA_TOOL_OPTIONS","value":"-Xss1m"},
           {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}}]}
        """;
    CronJob cronJob =
        new OperatorCronJobs(JobPodSettings.fromJson(chartDefaults))
            .cronJob("ns", "n", "0 * * * *", List.of("x"), Map.of());
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getEnv())
        .filteredOn(e -> e.getValueFrom() != null)
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e.getValueFrom().getFieldRef().getApiVersion())
                    .as(e.getName())
                    .isEqualTo("v1"));
    assertThat(pod.getAffinity()).isNull();
    String json = io.fabric8.kubernetes.client.utils.Serialization.asJson(cronJob);
    assertThat(json).doesNotContain("[]", "{}", "\"\"");
  }

  @Test
  void badSettingsNameTheVariableAndTheFix() {
    assertThatThrownBy(() -> JobPodSettings.fromEnvironment(Map.of()))
        .hasMessageContaining("EKYC_JOB_POD_TEMPLATE is not set");
    assertThatThrownBy(() -> JobPodSettings.fromJson("{\"serviceAccountName\":\"sa\"}"))
        .hasMessageContaining("EKYC_JOB_POD_TEMPLATE.image is missing");
    assertThatThrownBy(() -> JobPodSettings.fromJson("{not json"))
        .hasMessageContaining("EKYC_JOB_POD_TEMPLATE is not a valid job pod template");
  }
}
