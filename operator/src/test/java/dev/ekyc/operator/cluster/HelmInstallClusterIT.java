package dev.ekyc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.it.Eventually;
import dev.ekyc.operator.it.ProjectFiles;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.job.cronjob.OperatorCronJobs;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The user's path, for real: the operator image (built by this build, target/jib-image.tar) loaded
 * into the test cluster's containerd, the chart installed with the real helm CLI, the operator
 * running as a Pod under the chart's ServiceAccount, the reference example reconciled by it, a
 * CronJob from the operator's own job builder firing and completing, and helm upgrade / uninstall
 * leaving the CRDs and users' resources in place. The tests run in order and share the
 * installation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ClusterTierLock.class)
class HelmInstallClusterIT {
  static final String RELEASE = OperatorRelease.RELEASE;
  static final String NAMESPACE = OperatorRelease.NAMESPACE;

  /** The reference example's own namespace: its manifests name it. */
  static final String EXAMPLE_NAMESPACE = "ekyc";

  /** Where the sweep CronJob test keeps its store and policy: a jobs namespace of the chart. */
  static final String SWEEP_NAMESPACE = "ekyc-sweep-it";

  /**
   * The operator's health/metrics port on the host network; clear of the shared test servers'
   * ports.
   */
  static final int METRICS_PORT = 16080;

  static final Duration TIMEOUT = Duration.ofSeconds(120);
  static final List<String> CRDS =
      List.of("datastores.ekyc.dev", "retentionpolicies.ekyc.dev", "consentpolicies.ekyc.dev");

  private static RealCluster cluster;
  private static KubernetesClient client;
  private static Path values;

  @BeforeAll
  static void install() throws IOException {
    cluster = RealCluster.require();
    client = cluster.client();
    removeLeftovers();
    // The chart creates the job ServiceAccount in each jobs namespace (the sweep test's and the
    // release's own).
    values =
        OperatorRelease.install(cluster, client, METRICS_PORT, List.of(NAMESPACE, SWEEP_NAMESPACE));
  }

  @AfterAll
  static void cleanUp() {
    if (client == null) {
      return;
    }
    removeLeftovers();
    client.close();
  }

  @Test
  @Order(1)
  void theOperatorRunsAsAPodUnderTheChartsServiceAccountAndPassesItsReadinessProbe() {
    Deployment deployment =
        Eventually.await(
            "Deployment " + RELEASE + " Available",
            TIMEOUT,
            () -> client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get(),
            d ->
                d.getStatus() != null
                    && d.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> "Available".equals(c.getType()) && "True".equals(c.getStatus())));
    assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);

    Pod pod = operatorPods().get(0);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(RELEASE);
    assertThat(pod.getStatus().getContainerStatuses())
        .singleElement()
        .satisfies(s -> assertThat(s.getReady()).as("readiness probe /readyz passes").isTrue());
    Container container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("ghcr.io/ekyc-operator/ekyc-operator:0.1.0");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    String log =
        client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).getLog();
    assertThat(log).contains("operator started").contains("server v1.34");
  }

  @Test
  @Order(2)
  void theReferenceExampleReachesReadyUnderTheOperatorPod() throws IOException {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(EXAMPLE_NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
    Path reference = ProjectFiles.path("examples/reference");
    Path stores = Files.createTempFile("cluster-reference-datastores", ".yaml");
    Files.writeString(
        stores,
        ReferenceStores.prepare(cluster, EXAMPLE_NAMESPACE, reference.resolve("datastores.yaml")));
    long started = System.nanoTime();
    cluster.kubectl("apply", "-f", stores.toString());
    try (Stream<Path> files = Files.list(reference)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("datastores.yaml"))
              .sorted()
              .toList()) {
        cluster.kubectl("apply", "-f", file.toString());
      }
    }

    for (DataStore store :
        client.resources(DataStore.class).inNamespace(EXAMPLE_NAMESPACE).list().getItems()) {
      String name = store.getMetadata().getName();
      DataStore ready =
          Eventually.await(
              "DataStore " + name + " Ready",
              TIMEOUT,
              () ->
                  client
                      .resources(DataStore.class)
                      .inNamespace(EXAMPLE_NAMESPACE)
                      .withName(name)
                      .get(),
              d -> d.getStatus() != null && Conditions.isTrue(d.getStatus().conditions, "Ready"));
      assertThat(ready.getStatus().backendVersion).as(name + " backendVersion").isNotBlank();
    }
    List<RetentionPolicy> policies =
        client.resources(RetentionPolicy.class).inNamespace(EXAMPLE_NAMESPACE).list().getItems();
    assertThat(policies).hasSizeGreaterThanOrEqualTo(4);
    for (RetentionPolicy policy : policies) {
      String name = policy.getMetadata().getName();
      Eventually.await(
          "RetentionPolicy " + name + " Ready",
          TIMEOUT,
          () ->
              client
                  .resources(RetentionPolicy.class)
                  .inNamespace(EXAMPLE_NAMESPACE)
                  .withName(name)
                  .get(),
          p -> p.getStatus() != null && Conditions.isTrue(p.getStatus().conditions, "Ready"));
    }
    // The reference media policy promises deletion within 2h, and the operator pod proves it as
    // plan does.
    var media =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(EXAMPLE_NAMESPACE)
            .withName("verification-media")
            .get()
            .getStatus();
    assertThat(media.worstCaseAge).isEqualTo("2h");
    assertThat(media.deleteWithin).isEqualTo("2h");
    System.out.printf(
        "[it] reference example Ready under the operator pod %d ms after kubectl apply%n",
        (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  @Order(3)
  void aCronJobFromTheOperatorsJobTemplateFiresAndCompletesWithTheJobServiceAccount() {
    // Exactly the job pod template the chart hands the operator.
    String template = operatorEnv("EKYC_JOB_POD_TEMPLATE");
    CronJob cronJob =
        new OperatorCronJobs(JobPodSettings.fromJson(template))
            .cronJob(
                NAMESPACE,
                "ekyc-smoke",
                "*/1 * * * *",
                List.of("self-check"),
                Map.of("ekyc.dev/test", "smoke"));
    client.resource(cronJob).create();
    long started = System.nanoTime();

    // The next minute boundary, plus the run.
    Job job =
        Eventually.await(
            "a Job of CronJob ekyc-smoke that succeeded",
            Duration.ofSeconds(150),
            () ->
                client
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(NAMESPACE)
                    .withLabel("ekyc.dev/test", "smoke")
                    .list()
                    .getItems()
                    .stream()
                    .filter(
                        j ->
                            j.getStatus() != null
                                && j.getStatus().getSucceeded() != null
                                && j.getStatus().getSucceeded() >= 1)
                    .findFirst()
                    .orElse(null),
            j -> true);
    System.out.printf(
        "[it] smoke CronJob: Job %s succeeded %d ms after the CronJob was created%n",
        job.getMetadata().getName(), (System.nanoTime() - started) / 1_000_000);
    Pod pod =
        client
            .pods()
            .inNamespace(NAMESPACE)
            .withLabel("job-name", job.getMetadata().getName())
            .list()
            .getItems()
            .get(0);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo(RELEASE + "-job");
    String log =
        client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).getLog();
    assertThat(log)
        .contains("self-check ok")
        .contains("user system:serviceaccount:" + NAMESPACE + ":" + RELEASE + "-job");
    client.resource(cronJob).delete();
  }

  @Test
  @Order(4)
  void theOperatorsSweepCronJobFiresAndDeletesBackdatedMediaIntoStatusAndMetrics()
      throws Exception {
    SweepOnS3Proxy sweep = SweepOnS3Proxy.prepare(client, SWEEP_NAMESPACE);
    long started = System.nanoTime();
    CronJob cronJob =
        Eventually.await(
            "the operator's sweep CronJob",
            TIMEOUT,
            () ->
                client
                    .batch()
                    .v1()
                    .cronjobs()
                    .inNamespace(SWEEP_NAMESPACE)
                    .withName(SweepOnS3Proxy.CRON_JOB)
                    .get(),
            c -> c != null && Boolean.FALSE.equals(c.getSpec().getSuspend()));
    assertThat(
            cronJob
                .getSpec()
                .getJobTemplate()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getServiceAccountName())
        .isEqualTo(RELEASE + "-job");
    // The next minute boundary, the pod's start and the sweep.
    Job job =
        Eventually.await(
            "a Job of the sweep CronJob that succeeded",
            Duration.ofSeconds(240),
            () ->
                client.batch().v1().jobs().inNamespace(SWEEP_NAMESPACE).list().getItems().stream()
                    .filter(
                        j ->
                            j.getStatus() != null
                                && j.getStatus().getSucceeded() != null
                                && j.getStatus().getSucceeded() >= 1)
                    .findFirst()
                    .orElse(null),
            j -> true);
    System.out.printf(
        "[it] sweep CronJob: Job %s succeeded %d ms after the policy was created%n",
        job.getMetadata().getName(), (System.nanoTime() - started) / 1_000_000);
    assertThat(sweep.keys())
        .as("backdated media deleted, the young one kept")
        .containsExactly(SweepOnS3Proxy.YOUNG);
    RetentionPolicy folded =
        Eventually.await(
            "the run in the policy's status",
            TIMEOUT,
            sweep::policy,
            p ->
                p.getStatus() != null
                    && p.getStatus().rules.stream()
                        .anyMatch(
                            r ->
                                r.lastRun != null
                                    && "Succeeded".equals(r.lastRun.outcome)
                                    && Long.valueOf(2).equals(r.lastRun.deleted)));
    assertThat(folded.getStatus().lastRun.result).isEqualTo("Succeeded");
    // s3proxy implements no bucket lifecycle API, so the backstop cannot be applied and Compliant
    // is False for
    // that (CheckFailed); the job's part of it must be healthy.
    assertThat(
            Conditions.find(folded.getStatus().conditions, Conditions.COMPLIANT)
                .orElseThrow()
                .getMessage())
        .contains("sweep job: last success", "nothing overdue");
    String metrics =
        Eventually.await(
            "job metrics on /metrics",
            TIMEOUT,
            () -> SweepOnS3Proxy.scrape(METRICS_PORT),
            m ->
                m.contains("ekyc_job_deleted_total{")
                    && m.contains("ekyc_job_last_success_timestamp_seconds{"));
    assertThat(
            metrics
                .lines()
                .filter(
                    l ->
                        l.startsWith("ekyc_job_deleted_total{")
                            && l.contains("namespace=\"" + SWEEP_NAMESPACE + "\""))
                .toList())
        .singleElement()
        .satisfies(l -> assertThat(l).endsWith(" 2.0"));
    assertThat(metrics).contains("ekyc_deletion_overdue_seconds{");
  }

  @Test
  @Order(5)
  void helmUpgradeAndUninstallLeaveTheCrdsAndTheUsersResources() {
    int stores =
        client.resources(DataStore.class).inNamespace(EXAMPLE_NAMESPACE).list().getItems().size();
    int policies =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(EXAMPLE_NAMESPACE)
            .list()
            .getItems()
            .size();
    assertThat(stores).as("the reference example's DataStores (test 2)").isPositive();

    cluster.helm(
        "upgrade",
        RELEASE,
        ProjectFiles.path("helm/ekyc-operator").toString(),
        "--namespace",
        NAMESPACE,
        "--values",
        values.toString(),
        "--set-string",
        "podAnnotations.ekyc\\.dev/upgraded=yes",
        "--wait",
        "--timeout",
        "3m");
    Deployment upgraded =
        client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get();
    assertThat(upgraded.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("ekyc.dev/upgraded", "yes");
    Eventually.await(
        "the upgraded operator pod Ready",
        TIMEOUT,
        HelmInstallClusterIT::operatorPods,
        pods ->
            pods.size() == 1
                && "yes".equals(pods.get(0).getMetadata().getAnnotations().get("ekyc.dev/upgraded"))
                && pods.get(0).getStatus().getContainerStatuses().stream()
                    .allMatch(s -> Boolean.TRUE.equals(s.getReady())));
    assertCrdsAndResources(stores, policies);

    cluster.helm("uninstall", RELEASE, "--namespace", NAMESPACE, "--wait", "--timeout", "3m");
    Eventually.await(
        "Deployment " + RELEASE + " gone",
        TIMEOUT,
        () -> client.apps().deployments().inNamespace(NAMESPACE).withName(RELEASE).get() == null,
        gone -> gone);
    assertCrdsAndResources(stores, policies);
  }

  private static void assertCrdsAndResources(int stores, int policies) {
    for (String crd : CRDS) {
      assertThat(client.apiextensions().v1().customResourceDefinitions().withName(crd).get())
          .as(crd)
          .isNotNull();
    }
    assertThat(client.resources(DataStore.class).inNamespace(EXAMPLE_NAMESPACE).list().getItems())
        .hasSize(stores);
    assertThat(
            client
                .resources(RetentionPolicy.class)
                .inNamespace(EXAMPLE_NAMESPACE)
                .list()
                .getItems())
        .hasSize(policies);
  }

  static List<Pod> operatorPods() {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("app.kubernetes.io/instance", RELEASE)
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static String operatorEnv(String name) {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withName(RELEASE)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> name.equals(e.getName()))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the chart sets no " + name));
  }

  /** An earlier run's release, namespaces and resources. */
  private static void removeLeftovers() {
    OperatorRelease.removeLeftovers(cluster, client, List.of(EXAMPLE_NAMESPACE, SWEEP_NAMESPACE));
  }
}
