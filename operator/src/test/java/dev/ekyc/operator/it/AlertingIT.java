package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordFormat;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.monitoring.ChartRules;
import dev.ekyc.operator.monitoring.MonitoringServer;
import dev.ekyc.operator.monitoring.WebhookReceiver;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.observe.HealthServer;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * The chart's alerts end to end with the real tools: Debian's Prometheus scrapes the operator's
 * /metrics (the operator's wiring and its HealthServer, in the test JVM, against the test API
 * server and moto) every second and evaluates the rules helm renders from the chart, with the
 * {@code for} durations shortened by chart values (prometheusRule.for.*); Debian's Alertmanager
 * delivers to a webhook receiver in the test. An out-of-band edit of a lifecycle rule in Audit mode
 * reaches the receiver as EkycPolicyDrifted; data left overdue by a (backdated) sweep result
 * reaches it as EkycDeletionOverdue, and that Enforce policy as EkycPolicyNotCompliant while an
 * Audit-mode policy, not Compliant as long, raises nothing; back in Enforce mode the drift is
 * repaired and the drift gauge Prometheus scraped returns to 0. Every panel query of the chart's
 * Grafana dashboard returns data from this Prometheus (Grafana itself is not installable here: no
 * Debian package, and no other registry of it is reachable).
 */
class AlertingIT {
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /**
   * The chart values the test shortens: each {@code for} the test waits on, so those alerts fire
   * within seconds. EkycOperatorDown keeps a minute: a 1 s scrape of the operator on this shared
   * 2-core machine can time out for a few seconds (measured: it fired with 5 s), and this test does
   * not stop the operator.
   */
  private static final Map<String, String> FAST_ALERTS =
      Map.of(
          "prometheusRule.for.drifted", "3s",
          "prometheusRule.for.notCompliant", "4s",
          "prometheusRule.for.deletionOverdue", "2s",
          "prometheusRule.for.storeNotReady", "5s",
          "prometheusRule.for.operatorDown", "60s");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static HealthServer metricsEndpoint;
  private static WebhookReceiver receiver;
  private static MonitoringServer alertmanager;
  private static MonitoringServer prometheus;
  private static S3Client s3;
  private static URI s3Url;

  @BeforeAll
  static void start() throws Exception {
    s3Url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    Path rules = ChartRules.render(dir.resolve("rules.yaml"), FAST_ALERTS);
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "alerting");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    operator =
        InProcessOperator.start(
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
            {"image": "ekyc-operator:it", "serviceAccountName": "ekyc-operator-job"}""")),
            client,
            registry);
    metricsEndpoint =
        new HealthServer(new InetSocketAddress("127.0.0.1", 0), () -> true, registry).start();

    receiver = new WebhookReceiver();
    Path amConfig = dir.resolve("alertmanager.yml");
    Files.writeString(
        amConfig,
        """
        route:
          receiver: test
          group_by: [alertname, namespace, policy, rule]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: test
            webhook_configs:
              - url: %s
                send_resolved: true
        """
            .formatted(receiver.url()));
    alertmanager = MonitoringServer.alertmanager(dir, amConfig);
    Path promConfig = dir.resolve("prometheus.yml");
    Files.writeString(
        promConfig,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [%s]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ["127.0.0.1:%d"]
        scrape_configs:
          # The job name the chart's EkycOperatorDown reads (its metrics Service); honor_labels as its ServiceMonitor.
          - job_name: %s
            honor_labels: true
            static_configs:
              - targets: ["127.0.0.1:%d"]
        """
            .formatted(rules, alertmanager.port(), ChartRules.METRICS_JOB, metricsEndpoint.port()));
    prometheus = MonitoringServer.prometheus(dir, promConfig);

    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "s3-credentials",
                Map.of("accessKeyId", accessKey, "secretAccessKey", secretKey)))
        .create();
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = s3Url.toString();
    spec.region = Backends.require("EKYC_IT_S3_REGION");
    spec.pathStyle = true;
    s3 =
        S3Clients.create(
            spec,
            new StoreCredentials.ObjectStorage(
                new AccessKey(accessKey, SecretValue.of(secretKey), Optional.empty()),
                Optional.empty()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            3);
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      System.out.println("[it] prometheus log:\n" + prometheus.log());
      prometheus.close();
    }
    if (alertmanager != null) alertmanager.close();
    if (receiver != null) receiver.close();
    if (metricsEndpoint != null) metricsEndpoint.close();
    if (operator != null) operator.close();
    if (s3 != null) s3.close();
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void driftAndOverdueReachTheReceiverAuditRaisesNothingAndTheDriftGaugeReturnsToZero()
      throws Exception {
    String driftBucket = bucket("drift");
    String lateBucket = bucket("late");
    String auditBucket = bucket("audit");
    store("drift", driftBucket);
    store("late", lateBucket);
    store("audit", auditBucket);
    store(
        "missing",
        "it-alert-no-such-bucket-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    policy("drifty", "drift", "Enforce", "selfies/", "10d", null);
    policy("late", "late", "Enforce", "liveness/", "105m", "2h");
    policy("audited", "audit", "Audit", "selfies/", "10d", null);
    policy("waiting", "missing", "Enforce", "selfies/", "10d", null);
    client.resource(JobFixtures.referenceConsent(namespace)).create();

    // Everything healthy so far, except the Audit policy, which is not Compliant by design.
    awaitCondition("drifty", Conditions.COMPLIANT, "True");
    RetentionPolicy late = awaitCondition("late", Conditions.COMPLIANT, "True");
    awaitCondition("audited", Conditions.COMPLIANT, "False");
    awaitQuery(
        "Prometheus scraped the Audit policy's mode",
        "ekyc_policy_info{policy=\"audited\",mode=\"Audit\"}");
    capture("retentionpolicy-enforce-compliant", get("drifty"));
    capture("retentionpolicy-audit", get("audited"));
    capture("datastore-ready", resource(DataStore.class, "drift"));
    capture(
        "datastore-bucket-missing",
        Eventually.await(
            "store missing Stalled",
            TIMEOUT,
            () -> resource(DataStore.class, "missing"),
            d ->
                hasCondition(
                    d.getStatus() == null ? null : d.getStatus().conditions,
                    Conditions.STALLED,
                    "True")));
    capture(
        "retentionpolicy-waiting-on-store",
        Eventually.await(
            "waiting Reconciling",
            TIMEOUT,
            () -> get("waiting"),
            p ->
                p.getStatus() != null
                    && hasCondition(p.getStatus().conditions, Conditions.RECONCILING, "True")));
    capture(
        "consentpolicy-ready",
        Eventually.await(
            "ConsentPolicy Ready",
            TIMEOUT,
            () ->
                client
                    .resources(ConsentPolicy.class)
                    .inNamespace(namespace)
                    .list()
                    .getItems()
                    .get(0),
            c ->
                c.getStatus() != null
                    && hasCondition(c.getStatus().conditions, Conditions.READY, "True")));
    captureUnreconciled();

    // Audit mode and an out-of-band edit: Drifted stays True, and EkycPolicyDrifted reaches the
    // receiver.
    switchMode("drifty", "Audit");
    Eventually.await(
        "drifty checked in Audit at its new generation",
        TIMEOUT,
        () -> get("drifty"),
        p ->
            p.getStatus() != null
                && p.getMetadata().getGeneration().equals(p.getStatus().observedGeneration)
                && p.getStatus().rules.stream()
                    .flatMap(r -> r.applied.stream())
                    .allMatch(a -> "InSync".equals(a.state)));
    String selfies = "ekyc-operator:" + namespace + "/drift/drifty/r0";
    editExpiration(driftBucket, selfies, 400);
    capture("retentionpolicy-audit-drifted", awaitCondition("drifty", Conditions.DRIFTED, "True"));
    WebhookReceiver.Alert drifted = awaitDelivered("EkycPolicyDrifted", "drifty", "firing");
    assertThat(drifted.labels())
        .containsEntry("severity", "warning")
        .containsEntry("namespace", namespace);
    assertThat(drifted.annotations().get("runbook_url"))
        .endsWith("docs/runbooks.md#ekycpolicydrifted");
    assertThat(drifted.annotations().get("summary")).contains(namespace + "/drifty");

    // A sweep's result that leaves data past its promise (cutoff 5 h back against a 2 h promise):
    // overdue.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    writeRecord(late, now, now.minus(Duration.ofHours(5)));
    WebhookReceiver.Alert overdue = awaitDelivered("EkycDeletionOverdue", "late", "firing");
    assertThat(overdue.labels())
        .containsEntry("rule", "liveness")
        .containsEntry("severity", "critical");
    assertThat(overdue.annotations().get("runbook_url")).endsWith("#ekycdeletionoverdue");
    WebhookReceiver.Alert notCompliant = awaitDelivered("EkycPolicyNotCompliant", "late", "firing");
    assertThat(notCompliant.annotations().get("description")).contains("(mode Enforce)");
    capture(
        "retentionpolicy-deletion-overdue",
        Eventually.await(
            "late DeletionOverdue",
            TIMEOUT,
            () -> get("late"),
            p ->
                Conditions.find(p.getStatus().conditions, Conditions.COMPLIANT)
                    .filter(c -> "DeletionOverdue".equals(c.getReason()))
                    .isPresent()));
    Eventually.await(
        "EkycStoreNotReady for the store whose bucket is missing at the receiver",
        TIMEOUT,
        () ->
            receiver.alerts().stream()
                .filter(
                    a ->
                        "EkycStoreNotReady".equals(a.name())
                            && "missing".equals(a.labels().get("store"))
                            && "firing".equals(a.status()))
                .findFirst(),
        Optional::isPresent);

    // The Audit policy has been scraped as not Compliant for longer than the shortened `for` (and
    // longer than the
    // Enforce policy that just alerted): it is neither pending nor firing, and nothing about it
    // reached the receiver.
    awaitQuery(
        "the Audit policy not Compliant through a window longer than its `for`",
        "count_over_time(ekyc_policy_compliant{policy=\"audited\"}[8s]) >= 6"
            + " and max_over_time(ekyc_policy_compliant{policy=\"audited\"}[8s]) == 0");
    assertThat(query("ALERTS{alertname=\"EkycPolicyNotCompliant\",policy=\"audited\"}")).isEmpty();
    assertThat(query("ALERTS{alertname=\"EkycPolicyNotCompliant\",policy=\"drifty\"}"))
        .as("drifty is in Audit mode too")
        .isEmpty();
    assertThat(receiver.alerts()).noneMatch(a -> "audited".equals(a.labels().get("policy")));
    assertThat(receiver.alerts())
        .noneMatch(
            a ->
                "EkycPolicyNotCompliant".equals(a.name())
                    && "drifty".equals(a.labels().get("policy")));
    assertThat(receiver.alerts())
        .as("nothing else fired")
        .allMatch(
            a ->
                Set.of(
                        "EkycPolicyDrifted",
                        "EkycDeletionOverdue",
                        "EkycPolicyNotCompliant",
                        "EkycStoreNotReady")
                    .contains(a.name()));
    assertThat(receiver.alerts())
        .as("only the Enforce policies that are not Compliant")
        .filteredOn(a -> "EkycPolicyNotCompliant".equals(a.name()))
        .extracting(a -> a.labels().get("policy"))
        .containsOnly("late", "waiting");

    // Every panel of the chart's Grafana dashboard returns data from this Prometheus (Grafana's
    // variables replaced
    // as Grafana would: the namespace selected, a range and a rate interval).
    for (ChartRules.PanelQuery panel : ChartRules.dashboardQueries()) {
      String promql =
          panel
              .expr()
              .replace("$namespace", namespace)
              .replace("$__range", "5m")
              .replace("$__rate_interval", "1m");
      Eventually.await(
          "dashboard panel '" + panel.panel() + "' returns data (" + promql + ")",
          Duration.ofSeconds(30),
          () -> query(promql),
          result -> !result.isEmpty());
    }

    // A failed run: Compliant=False, reason JobFailed (for the Argo CD health fixtures).
    writeFailedRecord(late, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    capture(
        "retentionpolicy-job-failed",
        Eventually.await(
            "late JobFailed",
            TIMEOUT,
            () -> get("late"),
            p ->
                Conditions.find(p.getStatus().conditions, Conditions.COMPLIANT)
                    .filter(c -> "JobFailed".equals(c.getReason()))
                    .isPresent()));

    // Back to Enforce: the operator restores the rule, the drift gauge Prometheus scrapes returns
    // to 0, the alert
    // resolves.
    switchMode("drifty", "Enforce");
    Eventually.await(
        "the rule restored to 10 days",
        TIMEOUT,
        () -> expirationDays(driftBucket, selfies),
        days -> days == 10);
    awaitQuery(
        "ekyc_policy_drifted of drifty back at 0 in Prometheus",
        "ekyc_policy_drifted{policy=\"drifty\"} == 0");
    awaitDelivered("EkycPolicyDrifted", "drifty", "resolved");
    assertThat(query("ALERTS{alertname=\"EkycOperatorDown\"}"))
        .as("the operator is scraped")
        .isEmpty();

    // kstatus on this run's captures, as docs/gitops.md says (the no-status gap included).
    Map<String, String> kstatus =
        Map.of(
            "retentionpolicy-enforce-compliant",
            "Current",
            "retentionpolicy-waiting-on-store",
            "InProgress",
            "retentionpolicy-deletion-overdue",
            "Current",
            "datastore-ready",
            "Current",
            "datastore-bucket-missing",
            "Failed",
            "consentpolicy-ready",
            "Current",
            "retentionpolicy-no-status",
            "Current");
    kstatus.forEach(
        (capture, expected) ->
            assertThat(
                    dev.ekyc.operator.monitoring.Kstatus.of(
                        Path.of("target", "status-captures", capture + ".json"))[0])
                .as("kstatus of " + capture)
                .isEqualTo(expected));

    // A deleted policy's series leave the scrape, so Prometheus stops returning them (and nothing
    // alerts on them).
    awaitQuery("late's job series scraped", "ekyc_job_expected_interval_seconds{policy=\"late\"}");
    for (String name : List.of("audited", "late")) {
      client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).delete();
    }
    Eventually.await(
        "the deleted policies' series gone from Prometheus",
        TIMEOUT,
        () -> query("{__name__=~\"ekyc_.*\", policy=~\"audited|late\"}"),
        List::isEmpty);
    assertThat(query("ekyc_policy_info{policy=\"drifty\"}")).as("the others stay").isNotEmpty();
  }

  // ---------------------------------------------------------------- Prometheus and the receiver

  private static WebhookReceiver.Alert awaitDelivered(String alert, String policy, String status) {
    return Eventually.await(
            alert + " " + status + " for " + policy + " at the receiver",
            TIMEOUT,
            () ->
                receiver.alerts().stream()
                    .filter(
                        a ->
                            alert.equals(a.name())
                                && policy.equals(a.labels().get("policy"))
                                && namespace.equals(a.labels().get("namespace"))
                                && status.equals(a.status()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static void awaitQuery(String what, String promql) {
    Eventually.await(
        what + " (" + promql + ")", TIMEOUT, () -> query(promql), result -> !result.isEmpty());
  }

  /** The instant query's result vector; a query error throws. */
  static List<JsonNode> query(String promql) {
    try {
      JsonNode body =
          JSON.readTree(
              prometheus.get(
                  "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
      if (!"success".equals(body.path("status").asText())) {
        throw new IllegalStateException(promql + ": " + body);
      }
      List<JsonNode> result = new ArrayList<>();
      body.path("data").path("result").forEach(result::add);
      return result;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(promql + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- status captures (Argo CD and
  // kstatus fixtures)

  /**
   * Writes the resource as the API server returned it (managedFields dropped) to
   * target/status-captures/, from where operator/src/test/resources/health/ was copied: the Argo CD
   * health tests read real statuses.
   */
  private static void capture(String name, io.fabric8.kubernetes.api.model.HasMetadata resource) {
    try {
      resource.getMetadata().setManagedFields(null);
      Path out = Path.of("target", "status-captures");
      Files.createDirectories(out);
      Files.writeString(out.resolve(name + ".json"), Serialization.asJson(resource) + "\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A policy in a namespace the operator does not watch: as every policy is before the operator
   * first sees it.
   */
  private static void captureUnreconciled() {
    String other = TestNamespace.create(client, "alerting-unwatched");
    try {
      RetentionPolicy created =
          client
              .resource(JobFixtures.referencePolicy("retention-operation-logs.yaml", other))
              .create();
      capture("retentionpolicy-no-status", created);
    } finally {
      TestNamespace.delete(client, other);
    }
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T resource(
      Class<T> type, String name) {
    return client.resources(type).inNamespace(namespace).withName(name).get();
  }

  private static boolean hasCondition(
      List<io.fabric8.kubernetes.api.model.Condition> conditions, String type, String status) {
    return conditions != null
        && Conditions.find(conditions, type).filter(c -> status.equals(c.getStatus())).isPresent();
  }

  // ---------------------------------------------------------------- resources and the bucket

  private static String bucket(String prefix) {
    String bucket =
        "it-alert-"
            + prefix
            + "-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    s3.createBucket(b -> b.bucket(bucket));
    return bucket;
  }

  private static void store(String name, String bucket) {
    client
        .resource(
            StoreFixtures.bucket(
                namespace,
                name,
                s3Url.toString(),
                Backends.require("EKYC_IT_S3_REGION"),
                bucket,
                "s3-credentials"))
        .create();
  }

  private static void policy(
      String name,
      String store,
      String mode,
      String prefix,
      String retention,
      String deleteWithin) {
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: %s
          namespace: %s
        spec:
          storeRef:
            name: %s
          mode: %s
          schedule: "*/15 * * * *"
          rules:
            - name: %s
              dataCategory: biometric
              purpose: testing the alerts
              legalBasis: Contract
              objects:
                prefix: %s
              retention: %s
        """
                .formatted(
                    name,
                    namespace,
                    store,
                    mode,
                    "late".equals(name) ? "liveness" : "r0",
                    prefix,
                    retention)
            + (deleteWithin == null ? "" : "      deleteWithin: " + deleteWithin + "\n");
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).serverSideApply();
  }

  private static void switchMode(String name, String mode) {
    client
        .resources(RetentionPolicy.class)
        .inNamespace(namespace)
        .withName(name)
        .edit(
            p -> {
              p.getSpec().mode = dev.ekyc.operator.api.v1alpha1.EnforcementMode.valueOf(mode);
              return p;
            });
  }

  private static RetentionPolicy get(String name) {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get();
  }

  private static RetentionPolicy awaitCondition(String name, String type, String status) {
    return Eventually.await(
        name + " " + type + "=" + status,
        TIMEOUT,
        () -> get(name),
        p ->
            p.getStatus() != null
                && Conditions.find(p.getStatus().conditions, type)
                    .filter(c -> status.equals(c.getStatus()))
                    .isPresent());
  }

  private static int expirationDays(String bucket, String id) {
    return s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
        .filter(r -> id.equals(r.id()))
        .findFirst()
        .map(r -> r.expiration().days())
        .orElse(-1);
  }

  /** Another tool editing the operator's rule in the bucket. */
  private static void editExpiration(String bucket, String id, int days) {
    List<LifecycleRule> edited =
        s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket)).rules().stream()
            .map(r -> id.equals(r.id()) ? r.toBuilder().expiration(e -> e.days(days)).build() : r)
            .toList();
    assertThat(edited).anyMatch(r -> id.equals(r.id()));
    s3.putBucketLifecycleConfiguration(
        b -> b.bucket(bucket).lifecycleConfiguration(c -> c.rules(edited)));
  }

  /**
   * The result record a sweep writes (as RunRecordStore does), for a run that succeeded just now.
   */
  private static void writeRecord(RetentionPolicy policy, Instant now, Instant cutoff) {
    RunRecord run =
        new RunRecord(
            "run-1",
            "sweep",
            "late",
            null,
            1L,
            "late",
            RunMode.Enforce,
            RunOutcome.Succeeded,
            now.minusSeconds(30).toString(),
            now.toString(),
            now.plusSeconds(3600).toString(),
            0,
            null,
            now.toString(),
            List.of());
    writeRecord(policy, run, now, cutoff);
  }

  /** A run that failed just now (exit code 1). */
  private static void writeFailedRecord(RetentionPolicy policy, Instant now) {
    RunRecord run =
        new RunRecord(
            "run-2",
            "sweep",
            "late",
            null,
            1L,
            "late",
            RunMode.Enforce,
            RunOutcome.Failed,
            now.minusSeconds(30).toString(),
            now.toString(),
            now.plusSeconds(3600).toString(),
            1,
            "rule liveness failed: 503 from the bucket",
            null,
            List.of());
    writeRecord(policy, run, now, now.minus(Duration.ofMinutes(105)));
  }

  private static void writeRecord(
      RetentionPolicy policy, RunRecord run, Instant now, Instant cutoff) {
    RuleResult rule =
        new RuleResult(
            "liveness",
            run.runId(),
            run.outcome(),
            now.minusSeconds(30).toString(),
            now.toString(),
            now.minusSeconds(30).toString(),
            cutoff.toString(),
            null,
            null,
            10L,
            1L,
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
    ConfigMap map =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(RunNames.record("late"))
            .withNamespace(namespace)
            .withLabels(RunNames.labels("late"))
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
}
