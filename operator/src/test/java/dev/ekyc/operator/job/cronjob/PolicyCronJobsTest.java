package dev.ekyc.operator.job.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The desired CronJob of the reference policies: command, schedule, credentials by reference,
 * suspension.
 */
class PolicyCronJobsTest {
  private static final JobPodSettings SETTINGS =
      JobPodSettings.fromJson(
          """
      {"image": "ekyc-operator:test", "serviceAccountName": "ekyc-operator-job",
       "nodeSelector": {"pool": "jobs"}, "hostNetwork": true, "activeDeadlineSeconds": 1800}""");

  private final PolicyCronJobs cronJobs = new PolicyCronJobs(SETTINGS, false);

  @Test
  void objectStoragePolicyGetsASweepCronJobOnThePlansScheduleInUtc() {
    CronJob cronJob = desired(cronJobs, "verification-media", p -> {}, true).orElseThrow();
    assertThat(cronJob.getMetadata().getName()).isEqualTo("ekyc-sweep-verification-media");
    assertThat(cronJob.getMetadata().getNamespace()).isEqualTo("ekyc");
    assertThat(cronJob.getMetadata().getLabels())
        .containsEntry("ekyc.dev/retention-policy", "verification-media")
        .containsEntry("ekyc.dev/job", "sweep")
        .containsEntry("app.kubernetes.io/managed-by", "ekyc-operator");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/15 * * * *");
    assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(cronJob.getSpec().getSuspend()).isFalse();
    assertThat(cronJob.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds())
        .isEqualTo(1800L);
    assertThat(container(cronJob).getArgs())
        .containsExactly(
            "sweep",
            "--namespace",
            "ekyc",
            "--policy",
            "verification-media",
            "--deadline",
            "1800s");
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("ekyc-operator-job");
    assertThat(pod.getNodeSelector()).containsEntry("pool", "jobs");
    assertThat(pod.getHostNetwork()).isTrue();
    assertThat(container(cronJob).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
  }

  @Test
  void credentialsArriveOnlyAsASecretVolumeNeverAsValues() {
    CronJob cronJob = desired(cronJobs, "verification-media", p -> {}, true).orElseThrow();
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes())
        .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("cos-credentials"));
    assertThat(container(cronJob).getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath())
                  .isEqualTo(PolicyCronJobs.SECRETS_DIR + "/cos-credentials");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(container(cronJob).getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("EKYC_CREDENTIALS_DIR");
              assertThat(e.getValue()).isEqualTo(PolicyCronJobs.SECRETS_DIR);
            });
    // No Secret data in the spec: only the Secret's name.
    assertThat(Serialization.asJson(cronJob))
        .doesNotContain("secretKeyRef")
        .doesNotContain("stringData");
  }

  @Test
  void sqlPolicyGetsAPurgeCronJob() {
    CronJob cronJob = desired(cronJobs, "identification-data", p -> {}, true).orElseThrow();
    assertThat(cronJob.getMetadata().getName()).isEqualTo("ekyc-purge-identification-data");
    assertThat(container(cronJob).getArgs())
        .startsWith("purge", "--namespace", "ekyc", "--policy", "identification-data");
  }

  @Test
  void searchPolicyNeedsNoJob() {
    assertThat(desired(cronJobs, "operation-logs", p -> {}, true)).isEmpty();
  }

  @Test
  void auditModeOrAnOperatorDryRunRunsTheJobDry() {
    CronJob audit =
        desired(cronJobs, "verification-media", p -> p.getSpec().mode = EnforcementMode.Audit, true)
            .orElseThrow();
    assertThat(container(audit).getArgs()).endsWith("--dry-run");
    CronJob dry =
        desired(new PolicyCronJobs(SETTINGS, true), "verification-media", p -> {}, true)
            .orElseThrow();
    assertThat(container(dry).getArgs()).endsWith("--dry-run");
    assertThat(
            container(desired(cronJobs, "verification-media", p -> {}, true).orElseThrow())
                .getArgs())
        .doesNotContain("--dry-run");
  }

  @Test
  void aPolicyThatIsNotReadyKeepsItsCronJobSuspended() {
    CronJob cronJob = desired(cronJobs, "verification-media", p -> {}, false).orElseThrow();
    assertThat(cronJob.getSpec().getSuspend()).isTrue();
  }

  @Test
  void aLongPolicyNameIsShortenedWithAHash() {
    String longName = "a".repeat(60);
    String name = PolicyCronJobs.name(dev.ekyc.operator.job.JobKind.SWEEP, longName);
    assertThat(name).hasSize(PolicyCronJobs.MAX_NAME).startsWith("ekyc-sweep-aaa");
    assertThat(name)
        .isNotEqualTo(PolicyCronJobs.name(dev.ekyc.operator.job.JobKind.SWEEP, longName + "b"));
  }

  private static Container container(CronJob cronJob) {
    return cronJob
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Optional<CronJob> desired(
      PolicyCronJobs cronJobs, String policyName, Consumer<RetentionPolicy> edit, boolean ready) {
    PolicyInputs inputs = reference();
    RetentionPolicy policy =
        inputs.retentionPolicies().stream()
            .filter(p -> p.getMetadata().getName().equals(policyName))
            .findFirst()
            .orElseThrow();
    edit.accept(policy);
    EnforcementPlan plan = new PolicyCompiler().compile(inputs);
    Optional<PolicyPlan> policyPlan = plan.policy(ResourceRef.of(policy));
    Optional<DataStore> store =
        inputs.stores().stream()
            .filter(s -> s.getMetadata().getName().equals(policy.getSpec().storeRef.name))
            .findFirst();
    return cronJobs.desired(policy, policyPlan, store, ready);
  }

  private static PolicyInputs reference() {
    Path dir = Path.of("..", "examples", "reference");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("examples", "reference");
    }
    try {
      return new ManifestLoader("ekyc").load(List.of(dir)).inputs();
    } catch (dev.ekyc.operator.manifest.ManifestInputException e) {
      throw new IllegalStateException(e);
    }
  }
}
