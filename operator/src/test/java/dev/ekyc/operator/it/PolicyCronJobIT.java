package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordFormat;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator keeps each object-storage policy's sweep CronJob against the real kube-apiserver:
 * created with the plan's schedule and the policy's command, restored after an out-of-band edit or
 * deletion (reported as DriftCorrected), run dry in Audit mode, removed when the policy no longer
 * plans a job; and a result record (the ConfigMap a sweep writes) is folded into the policy's
 * status, Compliant, events and metrics. No kubelet here: the CronJob never fires in this tier (the
 * cluster tier runs real CronJobs).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyCronJobIT {
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String CRON_JOB = "ekyc-sweep-media";

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static MeterRegistry registry;

  @BeforeAll
  static void start() {
    URI s3Url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "cronjob");
    registry = new SimpleMeterRegistry();
    var options =
        OperatorAssembly.Options.defaults()
            .watching(Set.of(namespace))
            .withSettings(
                new ReconcileSettings(
                    false,
                    InProcessOperator.FAST_RETRY,
                    Clock.systemUTC(),
                    DRIFT_INTERVAL,
                    Duration.ofSeconds(10)))
            .withJobPods(
                JobPodSettings.fromJson(
                    """
            {"image": "ekyc-operator:it", "serviceAccountName": "ekyc-operator-job"}"""));
    operator = InProcessOperator.start(options, client, registry);
    String region = Backends.require("EKYC_IT_S3_REGION");
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    String bucket =
        "it-cronjob-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    TestBuckets.create(s3Url, region, accessKey, secretKey, bucket);
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "s3-credentials",
                Map.of("accessKeyId", accessKey, "secretAccessKey", secretKey)))
        .create();
    client
        .resource(
            StoreFixtures.bucket(
                namespace, "media", s3Url.toString(), region, bucket, "s3-credentials"))
        .create();
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  @Order(1)
  void cronJobIsCreatedRestoredRunDryInAuditAndRemoved() {
    policy("Enforce", "media");
    // Suspended until the store's probe makes the policy Ready, then running.
    CronJob created =
        awaitCronJob(
            "created with the sweep command, not suspended",
            c -> !args(c).contains("--dry-run") && Boolean.FALSE.equals(c.getSpec().getSuspend()));
    assertThat(created.getSpec().getSchedule()).isEqualTo("*/15 * * * *");
    assertThat(created.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(created.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(args(created))
        .containsSubsequence("sweep", "--namespace", namespace, "--policy", "media");
    assertThat(created.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("RetentionPolicy"));
    assertThat(created.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("s3-credentials"));
    RetentionPolicy compliant =
        Eventually.await(
            "Compliant with the CronJob in place",
            TIMEOUT,
            () -> get("media"),
            p -> conditionIs(p, Conditions.COMPLIANT, "True") && cronJobState(p).isPresent());
    assertThat(condition(compliant, Conditions.COMPLIANT).orElseThrow().getMessage())
        .contains("sweep job: no run yet");
    assertThat(gauge("ekyc.job.last.success.timestamp.seconds", "media"))
        .as("until the first success: the CronJob's creation")
        .isPositive();

    // Edited out of band: restored, and the drift is reported.
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(namespace)
        .withName(CRON_JOB)
        .edit(
            c -> {
              c.getSpec().setSchedule("0 0 1 1 *");
              return c;
            });
    awaitCronJob("schedule restored", c -> c.getSpec().getSchedule().equals("*/15 * * * *"));
    Eventually.await(
        "DriftCorrected event for the CronJob",
        TIMEOUT,
        () -> events("DriftCorrected"),
        messages -> messages.stream().anyMatch(m -> m.contains("CronJob " + CRON_JOB)));

    // Deleted out of band: created again.
    String uid =
        client
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(namespace)
            .withName(CRON_JOB)
            .get()
            .getMetadata()
            .getUid();
    client.batch().v1().cronjobs().inNamespace(namespace).withName(CRON_JOB).delete();
    awaitCronJob("created again after deletion", c -> !c.getMetadata().getUid().equals(uid));
    Eventually.await(
        "DriftCorrected event for the deletion",
        TIMEOUT,
        () -> events("DriftCorrected"),
        messages -> messages.stream().anyMatch(m -> m.contains("deleted out of band")));

    // Audit mode keeps the job but runs it dry.
    policy("Audit", "media");
    awaitCronJob("runs dry in Audit mode", c -> args(c).contains("--dry-run"));
    policy("Enforce", "media");
    awaitCronJob("runs for real again in Enforce mode", c -> !args(c).contains("--dry-run"));

    // A policy that no longer plans a job (its store is gone) loses its CronJob.
    policy("Enforce", "no-such-store");
    Eventually.await(
        "CronJob removed",
        TIMEOUT,
        () ->
            client.batch().v1().cronjobs().inNamespace(namespace).withName(CRON_JOB).get() == null,
        gone -> gone);
    policy("Enforce", "media");
    awaitCronJob("back with the store", c -> true);
  }

  @Test
  @Order(2)
  void resultRecordIsFoldedIntoStatusConditionsAndMetrics() {
    policy("Enforce", "media");
    RetentionPolicy policy =
        Eventually.await(
            "policy Compliant",
            TIMEOUT,
            () -> get("media"),
            p -> conditionIs(p, Conditions.COMPLIANT, "True"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // A successful run that deleted 3 objects; its cutoff (retention 1h45m before the server's
    // time) bounds the
    // oldest data left well within the 2h promise.
    writeRecord(
        policy,
        run("run-1", RunOutcome.Succeeded, now, 0),
        rule("run-1", now, now.minus(Duration.ofMinutes(105)), 3L));
    RetentionPolicy folded =
        Eventually.await(
            "last run in status",
            TIMEOUT,
            () -> get("media"),
            p ->
                lastRun(p).filter(r -> "run-1".equals(r.runId)).isPresent()
                    && p.getStatus().lastRun != null
                    && "Succeeded".equals(p.getStatus().lastRun.result));
    assertThat(lastRun(folded).orElseThrow().deleted).isEqualTo(3L);
    assertThat(folded.getStatus().lastRun.deleted).isEqualTo(3L);
    assertThat(conditionIs(folded, Conditions.COMPLIANT, "True")).isTrue();
    assertThat(gauge("ekyc.job.last.success.timestamp.seconds", "media"))
        .isEqualTo((double) now.getEpochSecond());
    assertThat(ruleGauge("ekyc.deletion.overdue.seconds", "media", "liveness")).isEqualTo(0.0);
    assertThat(
            registry
                .find("ekyc.job.deleted")
                .tag("namespace", namespace)
                .tag("policy", "media")
                .counter())
        .isNotNull()
        .satisfies(c -> assertThat(c.count()).isEqualTo(3.0));
    assertThat(events("JobSucceeded")).anySatisfy(m -> assertThat(m).contains("run-1"));

    // A failed run: not Compliant, with a Warning event.
    writeRecord(
        policy,
        run("run-2", RunOutcome.Failed, now, 1),
        rule("run-2", now, now.minus(Duration.ofMinutes(105)), 0L));
    RetentionPolicy failed =
        Eventually.await(
            "Compliant False after a failed run",
            TIMEOUT,
            () -> get("media"),
            p ->
                condition(p, Conditions.COMPLIANT)
                    .filter(c -> "JobFailed".equals(c.getReason()))
                    .isPresent());
    assertThat(condition(failed, Conditions.COMPLIANT).orElseThrow().getMessage())
        .contains("run-2", "exit code 1");
    assertThat(gauge("ekyc.policy.compliant", "media")).isEqualTo(0.0);
    Eventually.await(
        "JobFailed event",
        TIMEOUT,
        () -> events("JobFailed"),
        messages -> messages.stream().anyMatch(m -> m.contains("run-2")));

    // A successful run whose cutoff lies 5h back (the job ran with a stale clock or the cap cut
    // it): overdue.
    writeRecord(
        policy,
        run("run-3", RunOutcome.Succeeded, now, 0),
        rule("run-3", now, now.minus(Duration.ofHours(5)), 1L));
    Eventually.await(
        "overdue data makes the policy not Compliant",
        TIMEOUT,
        () -> get("media"),
        p ->
            condition(p, Conditions.COMPLIANT)
                .filter(c -> "DeletionOverdue".equals(c.getReason()))
                .isPresent());
    assertThat(ruleGauge("ekyc.deletion.overdue.seconds", "media", "liveness"))
        .as("about 5h minus the 2h promise")
        .isBetween(10_000.0, 11_000.0);
  }

  private static RunRecord run(String id, RunOutcome outcome, Instant now, int exitCode) {
    return new RunRecord(
        id,
        "sweep",
        "media",
        null,
        1L,
        "media",
        RunMode.Enforce,
        outcome,
        now.minusSeconds(30).toString(),
        now.toString(),
        now.plusSeconds(3600).toString(),
        exitCode,
        outcome.equals(RunOutcome.Failed) ? "rule liveness failed: 503 from the bucket" : null,
        RunOutcome.Succeeded.equals(outcome) ? now.toString() : null,
        List.of());
  }

  private static RuleResult rule(String runId, Instant now, Instant cutoff, Long deleted) {
    return new RuleResult(
        "liveness",
        runId,
        RunOutcome.Succeeded,
        now.minusSeconds(30).toString(),
        now.toString(),
        now.minusSeconds(30).toString(),
        cutoff.toString(),
        null,
        null,
        10L,
        deleted,
        null,
        null,
        0L,
        7L,
        null,
        0L,
        false,
        false,
        0L,
        null);
  }

  /** The ConfigMap a sweep writes (same name, labels, owner and keys as RunRecordStore). */
  private static void writeRecord(RetentionPolicy policy, RunRecord run, RuleResult rule) {
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(RunNames.record("media"))
            .withNamespace(namespace)
            .withLabels(RunNames.labels("media"))
            .withOwnerReferences(RunNames.owner(policy))
            .endMetadata()
            .withData(
                Map.of(
                    RunRecordFormat.RUN_KEY,
                    Serialization.asJson(run),
                    RunRecordFormat.ruleKey("liveness"),
                    Serialization.asJson(rule)))
            .build();
    client.resource(map).serverSideApply();
  }

  private static void policy(String mode, String store) {
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: media
          namespace: %s
        spec:
          storeRef:
            name: %s
          mode: %s
          schedule: "*/15 * * * *"
          rules:
            - name: liveness
              dataCategory: biometric
              purpose: testing the sweep CronJob
              legalBasis: Contract
              objects:
                prefix: liveness/
              retention: 105m
              deleteWithin: 2h
        """
            .formatted(namespace, store, mode);
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).serverSideApply();
  }

  private static CronJob awaitCronJob(String what, java.util.function.Predicate<CronJob> done) {
    return Eventually.await(
        "CronJob " + what,
        TIMEOUT,
        () -> client.batch().v1().cronjobs().inNamespace(namespace).withName(CRON_JOB).get(),
        c -> c != null && done.test(c));
  }

  private static List<String> args(CronJob cronJob) {
    return cronJob
        .getSpec()
        .getJobTemplate()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getArgs();
  }

  private static RetentionPolicy get(String name) {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get();
  }

  private static Optional<AppliedMechanism> cronJobState(RetentionPolicy p) {
    return p.getStatus().rules.stream()
        .flatMap(r -> r.applied == null ? java.util.stream.Stream.empty() : r.applied.stream())
        .filter(a -> "CronJob".equals(a.mechanism) && CRON_JOB.equals(a.ownedName))
        .findFirst();
  }

  private static Optional<dev.ekyc.operator.api.v1alpha1.RuleRun> lastRun(RetentionPolicy p) {
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : p.getStatus().rules.stream()
            .filter(r -> "liveness".equals(r.name))
            .map((RuleStatus r) -> r.lastRun)
            .filter(r -> r != null)
            .findFirst();
  }

  private static Optional<Condition> condition(RetentionPolicy p, String type) {
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : Conditions.find(p.getStatus().conditions, type);
  }

  private static boolean conditionIs(RetentionPolicy p, String type, String status) {
    return condition(p, type).filter(c -> status.equals(c.getStatus())).isPresent()
        && Long.valueOf(p.getMetadata().getGeneration()).equals(p.getStatus().observedGeneration);
  }

  private static List<String> events(String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(
            e -> reason.equals(e.getReason()) && "media".equals(e.getInvolvedObject().getName()))
        .map(e -> e.getMessage())
        .toList();
  }

  private static double gauge(String name, String policy) {
    var g = registry.find(name).tag("namespace", namespace).tag("policy", policy).gauge();
    return g == null ? -1 : g.value();
  }

  private static double ruleGauge(String name, String policy, String rule) {
    var g =
        registry
            .find(name)
            .tag("namespace", namespace)
            .tag("policy", policy)
            .tag("rule", rule)
            .gauge();
    return g == null ? -1 : g.value();
  }
}
