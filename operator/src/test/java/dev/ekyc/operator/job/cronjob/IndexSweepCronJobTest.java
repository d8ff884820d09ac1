package dev.ekyc.operator.job.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.IndexDeletion;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The reference operation-logs policy on a cluster without ILM/ISM (indexDeletion Sweep) gets a
 * sweep CronJob.
 */
class IndexSweepCronJobTest {
  private static final JobPodSettings SETTINGS =
      JobPodSettings.fromJson(
          """
      {"image": "ekyc-operator:test", "serviceAccountName": "ekyc-operator-job", "activeDeadlineSeconds": 1800}""");

  @Test
  void aSweptSearchStoreGetsASweepCronJobMountingItsSecret() {
    PolicyInputs inputs = reference();
    DataStore store = store(inputs, "operation-logs");
    store.getSpec().search.indexDeletion = IndexDeletion.Sweep;
    PolicyPlan plan = plan(inputs, "operation-logs");
    assertThat(PolicyCronJobs.jobOf(plan)).contains(JobKind.SWEEP);

    CronJob cronJob =
        new PolicyCronJobs(SETTINGS, false)
            .desired(policy(inputs, "operation-logs"), Optional.of(plan), Optional.of(store), true)
            .orElseThrow();
    assertThat(cronJob.getMetadata().getName()).isEqualTo("ekyc-sweep-operation-logs");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo(plan.schedule()).isNotBlank();
    var container =
        cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs())
        .startsWith("sweep", "--namespace", "ekyc", "--policy", "operation-logs");
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m ->
                assertThat(m.getMountPath())
                    .isEqualTo(PolicyCronJobs.SECRETS_DIR + "/" + secretOf(store)));
  }

  @Test
  void aLifecycleSearchStoreStillHasNoJob() {
    PolicyInputs inputs = reference();
    assertThat(PolicyCronJobs.jobOf(plan(inputs, "operation-logs"))).isEmpty();
  }

  private static String secretOf(DataStore store) {
    return store.getSpec().search.credentialsSecretRef != null
        ? store.getSpec().search.credentialsSecretRef.name
        : store.getSpec().search.apiKeySecretRef.name;
  }

  private static PolicyPlan plan(PolicyInputs inputs, String policy) {
    return new PolicyCompiler()
        .compile(inputs)
        .policy(new ResourceRef("RetentionPolicy", "ekyc", policy))
        .orElseThrow();
  }

  private static RetentionPolicy policy(PolicyInputs inputs, String name) {
    return inputs.retentionPolicies().stream()
        .filter(p -> p.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static DataStore store(PolicyInputs inputs, String name) {
    return inputs.stores().stream()
        .filter(s -> s.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow();
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
