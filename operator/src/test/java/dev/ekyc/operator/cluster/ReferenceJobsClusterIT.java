package dev.ekyc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.it.Backends;
import dev.ekyc.operator.it.Eventually;
import dev.ekyc.operator.it.ProjectFiles;
import dev.ekyc.operator.receipt.ClusterReceiptLog;
import dev.ekyc.operator.receipt.LogAudit;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.ReceiptKeys;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reference example (examples/reference/) enforced end to end by the jobs: the operator
 * installed by helm in the real cluster creates the sweep and purge CronJobs of its policies, the
 * kubelet runs them (the test shortens the schedules to every minute through spec.schedule, the
 * only change to the policies), and the test reads the backends independently, the policies as
 * {@code kubectl get ekrp} shows them, and the operator's /metrics. Media on a moto of the test's
 * own whose clock it sets ({@link ClockShiftedMoto}: objects genuinely old and tagged for consent),
 * the service database on MariaDB in a database of the test's own. Then the database password is
 * rotated with its Secret between two runs, and the next run works with the new one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ClusterTierLock.class)
class ReferenceJobsClusterIT {
  /** The reference example's own namespace: its manifests name it. */
  static final String NAMESPACE = "ekyc";

  static final int METRICS_PORT = 16080;
  static final String EVERY_MINUTE = "*/1 * * * *";
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * To the next minute boundary, the pod's start (a JVM, on a shared 2-core machine) and the run.
   */
  static final Duration FIRING = Duration.ofSeconds(240);

  /** The policies a job enforces and their CronJobs; operation-logs is ILM's alone (no job). */
  static final Map<String, String> CRON_JOBS =
      Map.of(
          "verification-media", "ekyc-sweep-verification-media",
          "identification-data", "ekyc-purge-identification-data",
          "service-records", "ekyc-purge-service-records");

  static final String FIRST_PASSWORD = "first-Pw-1";
  static final String SECOND_PASSWORD = "second-Pw-2";

  private static RealCluster cluster;
  private static KubernetesClient client;
  private static ClockShiftedMoto moto;
  private static ReferenceMedia media;
  private static ReferenceDatabase db;
  private static Instant started;

  @BeforeAll
  static void installAndApplyTheReferenceExample() throws Exception {
    cluster = RealCluster.require();
    client = cluster.client();
    OperatorRelease.removeLeftovers(cluster, client, List.of(NAMESPACE));
    moto = ClockShiftedMoto.start(cluster);
    media = ReferenceMedia.create(moto);
    db = ReferenceDatabase.create(FIRST_PASSWORD);
    seedDatabase();
    OperatorRelease.install(cluster, client, METRICS_PORT, List.of(NAMESPACE));

    Path reference = ProjectFiles.path("examples/reference");
    Path stores = Files.createTempFile("cluster-reference-jobs-datastores", ".yaml");
    Files.writeString(
        stores,
        ReferenceStores.prepareForJobs(
            cluster, NAMESPACE, reference.resolve("datastores.yaml"), media, db, FIRST_PASSWORD));
    started = Instant.now();
    cluster.kubectl("apply", "-f", stores.toString());
    try (Stream<Path> files = Files.list(reference)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("datastores.yaml"))
              .sorted()
              .toList()) {
        cluster.kubectl("apply", "-f", everyMinute(file).toString());
      }
    }
  }

  @AfterAll
  static void cleanUp() throws SQLException, InterruptedException {
    if (client == null) {
      return;
    }
    try {
      OperatorRelease.removeLeftovers(cluster, client, List.of(NAMESPACE));
    } finally {
      if (media != null) media.close();
      if (moto != null) moto.close();
      if (db != null) db.close();
      client.close();
    }
  }

  @Test
  @Order(1)
  void eachJobPolicysCronJobFiresOnceAndEnforcesItsRowsOfTheReferenceExample() throws SQLException {
    Map<String, Job> firstRuns = new LinkedHashMap<>();
    for (var e : CRON_JOBS.entrySet()) {
      CronJob cronJob =
          Eventually.await(
              "CronJob " + e.getValue() + " created and not suspended",
              TIMEOUT,
              () ->
                  client
                      .batch()
                      .v1()
                      .cronjobs()
                      .inNamespace(NAMESPACE)
                      .withName(e.getValue())
                      .get(),
              c -> Boolean.FALSE.equals(c.getSpec().getSuspend()));
      assertThat(cronJob.getSpec().getSchedule()).isEqualTo(EVERY_MINUTE);
      assertThat(cronJob.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo(e.getKey()));
    }
    for (var e : CRON_JOBS.entrySet()) {
      Job job =
          Eventually.await(
              "a succeeded Job of " + e.getValue(),
              FIRING,
              () -> succeededJob(e.getValue(), null),
              j -> true);
      firstRuns.put(e.getKey(), job);
      System.out.printf(
          "[it] %s: Job %s succeeded %d s after the reference example was applied%n",
          e.getValue(),
          job.getMetadata().getName(),
          Duration.between(started, Instant.parse(job.getStatus().getCompletionTime()))
              .toSeconds());
    }

    // The backends, read independently of the jobs.
    assertThat(media.keys())
        .as(
            "media past 105m under liveness/ and id-ocr/ gone, and training faces without"
                + " consent or past 30 days with it; young media, consented faces within 30 days and the object no rule covers"
                + " kept")
        .containsExactlyElementsOf(
            ReferenceMedia.KEPT.stream().map(ReferenceMedia.Media::key).sorted().toList());
    assertThat(db.identificationRows())
        .as("30d retention, sensitive columns erased after 105m without consent")
        .containsExactly(
            "2 name-2 erased", // 3h, no consent
            "3 name-3 face-3 ID-3", // 3h, consent of an adult
            "4 name-4 face-4 ID-4", // 60 min: not yet due
            "6 name-6 erased", // 3h, consent withdrawn an hour ago
            "7 name-7 erased", // 3h, consent of a 10-year-old without a parent's consent
            "8 name-8 face-8 ID-8", // 3h, consent of a 10-year-old with a parent's consent
            "9 name-9 face-9 ID-9"); // 29d, consent: kept until 30d
    assertThat(db.apiCallIds()).as("monitoring data: 730d").containsExactly(2L, 3L);

    // The policies as a user sees them.
    for (String policy : CRON_JOBS.keySet()) {
      RetentionPolicy folded =
          Eventually.await(
              "the run of " + policy + " in its status",
              TIMEOUT,
              () ->
                  client
                      .resources(RetentionPolicy.class)
                      .inNamespace(NAMESPACE)
                      .withName(policy)
                      .get(),
              p ->
                  p.getStatus() != null
                      && p.getStatus().lastRun != null
                      && "Succeeded".equals(p.getStatus().lastRun.result)
                      && p.getStatus().rules.stream().allMatch(r -> r.lastRun != null));
      for (RuleStatus rule : folded.getStatus().rules) {
        assertThat(rule.lastRun.outcome).as(policy + "/" + rule.name).isEqualTo("Succeeded");
        assertThat(rule.lastRun.errors).as(policy + "/" + rule.name + " errors").isZero();
        assertThat(rule.lastRun.serverTime).as("cutoffs from the server's clock").isNotBlank();
      }
    }
    Map<String, Map<String, String>> table =
        Eventually.await(
            "kubectl get ekrp: the job policies Compliant",
            TIMEOUT,
            ReferenceJobsClusterIT::getEkrp,
            t ->
                CRON_JOBS.keySet().stream()
                    .allMatch(p -> t.get(p) != null && "True".equals(t.get(p).get("COMPLIANT"))));
    System.out.println(cluster.kubectl("-n", NAMESPACE, "get", "ekrp"));
    for (String policy : List.of("verification-media", "identification-data", "service-records")) {
      assertThat(table.get(policy))
          .as(policy)
          .containsEntry("LAST-RUN", "Succeeded")
          .containsEntry("READY", "True")
          .containsEntry("COMPLIANT", "True");
    }
    assertThat(table.get("verification-media"))
        .as("the lifecycle backstop in place")
        .containsEntry("DRIFTED", "False");
    RuleStatus training =
        policy("verification-media").getStatus().rules.stream()
            .filter(r -> r.name.equals("training-faces"))
            .findFirst()
            .orElseThrow();
    assertThat(training.lastRun.keptForConsent)
        .as("user-5 (3h) and user-6 (29d), consented")
        .isEqualTo(2L);
    assertThat(training.lastRun.tooYoung).as("user-4 (20 min)").isEqualTo(1L);

    // /metrics: job counters per rule (each run counted once), last success, nothing overdue.
    String metrics =
        Eventually.await(
            "the jobs' counters on /metrics",
            TIMEOUT,
            () -> SweepOnS3Proxy.scrape(METRICS_PORT),
            m ->
                value(m, "ekyc_job_erased_total", "identification-data", "identification") != null
                    && value(m, "ekyc_job_deleted_total", "service-records", "monitoring") != null
                    && value(m, "ekyc_job_deleted_total", "verification-media", "training-faces")
                        != null);
    assertThat(value(metrics, "ekyc_job_deleted_total", "verification-media", "liveness-media"))
        .isEqualTo(2.0);
    assertThat(value(metrics, "ekyc_job_deleted_total", "verification-media", "id-document-media"))
        .isEqualTo(2.0);
    assertThat(value(metrics, "ekyc_job_deleted_total", "verification-media", "training-faces"))
        .isEqualTo(3.0);
    assertThat(value(metrics, "ekyc_job_deleted_total", "identification-data", "identification"))
        .isEqualTo(2.0);
    // Rows 1 (31d, no consent: erased, then deleted), 2, 6 and 7.
    assertThat(value(metrics, "ekyc_job_erased_total", "identification-data", "identification"))
        .isEqualTo(4.0);
    assertThat(value(metrics, "ekyc_job_deleted_total", "service-records", "monitoring"))
        .isEqualTo(1.0);
    for (var e : firstRuns.entrySet()) {
      String job = CRON_JOBS.get(e.getKey()).split("-")[1]; // ekyc-<job>-<policy>
      Double lastSuccess =
          metric(
              metrics,
              "ekyc_job_last_success_timestamp_seconds",
              Map.of("namespace", NAMESPACE, "policy", e.getKey(), "job", job));
      assertThat(lastSuccess)
          .as(e.getKey() + " last success: a run, not the CronJob's creation")
          .isGreaterThanOrEqualTo(
              (double) Instant.parse(e.getValue().getStatus().getStartTime()).getEpochSecond());
    }
    assertThat(
            metrics
                .lines()
                .filter(
                    l ->
                        l.startsWith("ekyc_deletion_overdue_seconds{")
                            && l.contains("namespace=\"" + NAMESPACE + "\""))
                .toList())
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).endsWith(" 0.0"));

    // The deletion receipts: the operator pod appended each first run's receipts to the log in its
    // namespace; the
    // log verifies with its published key (verify, as an auditor runs it), and says what each rule
    // deleted.
    ReceiptKeys keys = new ReceiptKeys(client, OperatorRelease.NAMESPACE);
    ClusterReceiptLog log = new ClusterReceiptLog(client, OperatorRelease.NAMESPACE);
    System.out.println(
        "[it] operator log on receipts:\n"
            + cluster
                .kubectl(
                    "-n",
                    OperatorRelease.NAMESPACE,
                    "logs",
                    "deployment/" + OperatorRelease.RELEASE)
                .lines()
                .filter(l -> l.toLowerCase(java.util.Locale.ROOT).contains("receipt"))
                .collect(java.util.stream.Collectors.joining("\n")));
    for (var e : firstRuns.entrySet()) {
      String runId = policy(e.getKey()).getStatus().rules.get(0).lastRun.runId;
      List<Receipt> receipts =
          Eventually.await(
              "the receipts of run " + runId,
              TIMEOUT,
              () ->
                  log.head() == null
                      ? List.<Receipt>of()
                      : new LogAudit(keys.published())
                          .audit(log.snapshot(List.of()), List.of()).receipts().stream()
                              .filter(r -> runId.equals(r.string("job.runId")))
                              .toList(),
              list -> list.stream().anyMatch(r -> Receipt.RUN.equals(r.kind())));
      assertThat(receipts)
          .allSatisfy(
              r -> {
                assertThat(r.string("policy.name")).isEqualTo(e.getKey());
                assertThat(r.string("outcome")).isEqualTo("Succeeded");
                assertThat(r.string("store.jurisdiction")).isEqualTo("SG");
              });
      if (e.getKey().equals("verification-media")) {
        assertThat(receipts)
            .filteredOn(r -> "liveness-media".equals(r.string("rule.name")))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.get("counts.deleted")).isEqualTo(2L);
                  assertThat(r.string("rule.legalBasis")).isEqualTo("Contract");
                });
      }
    }
    // The enforcement's writes: the media policy's S3 lifecycle backstop applied on moto, and its
    // CronJob created.
    List<Receipt> writes =
        new LogAudit(keys.published())
            .audit(log.snapshot(List.of()), List.of()).receipts().stream()
                .filter(
                    r ->
                        Receipt.LIFECYCLE_WRITE.equals(r.kind())
                            && "verification-media".equals(r.string("policy.name")))
                .toList();
    assertThat(writes)
        .anySatisfy(
            r -> {
              assertThat(r.string("lifecycle.mechanism")).isEqualTo("LifecycleRule");
              assertThat(r.string("outcome")).isEqualTo("Applied");
              assertThat(r.string("lifecycle.ownedName"))
                  .startsWith("ekyc-operator:ekyc/verification-media/");
            });
    assertThat(writes)
        .anySatisfy(r -> assertThat(r.string("lifecycle.mechanism")).isEqualTo("CronJob"));
    java.io.StringWriter verifyOut = new java.io.StringWriter();
    var verify = dev.ekyc.operator.cli.Main.commandLine();
    verify.setOut(new java.io.PrintWriter(verifyOut, true));
    assertThat(
            verify.execute(
                "verify",
                "--kubeconfig",
                cluster.kubeconfig().toString(),
                "-n",
                OperatorRelease.NAMESPACE))
        .as(verifyOut.toString())
        .isZero();
    assertThat(verifyOut.toString()).contains("OK receipt log");
  }

  @Test
  @Order(2)
  void aDatabasePasswordRotatedWithItsSecretBetweenRunsIsUsedByTheNextRun() throws SQLException {
    String cronJob = CRON_JOBS.get("identification-data");
    // Between two runs, so no pod reads the Secret between the two changes.
    Eventually.await(
        "no run of " + cronJob + " in progress",
        TIMEOUT,
        () ->
            client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(j -> ownedBy(j, cronJob))
                .noneMatch(j -> j.getStatus() == null || j.getStatus().getCompletionTime() == null),
        idle -> idle);
    db.rotatePassword(SECOND_PASSWORD);
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .withName("mysql-credentials")
        .edit(
            s -> {
              s.setData(null);
              s.setStringData(Map.of("username", db.user(), "password", SECOND_PASSWORD));
              return s;
            });
    Instant rotated = Instant.now();
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                        "jdbc:mariadb://"
                            + Backends.require("EKYC_IT_MARIADB_HOST")
                            + ":"
                            + Backends.require("EKYC_IT_MARIADB_PORT")
                            + "/"
                            + db.database(),
                        db.user(),
                        FIRST_PASSWORD)
                    .close())
        .as("the old password no longer works")
        .isInstanceOf(SQLException.class);
    db.identification(10, "31 DAY", false, null, 35, null);
    db.identification(11, "3 HOUR", false, null, 35, null);

    List<String> rows =
        Eventually.await(
            "rows 10 (31d) deleted and 11 (3h, no consent) erased by a run after the" + " rotation",
            FIRING,
            () -> {
              try {
                return db.identificationRows();
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            },
            r ->
                r.contains("11 name-11 erased")
                    && r.stream().noneMatch(row -> row.startsWith("10 ")));
    System.out.printf(
        "[it] rotated password used by the next run %d s after the rotation%n",
        Duration.between(rotated, Instant.now()).toSeconds());
    assertThat(rows).contains("3 name-3 face-3 ID-3", "9 name-9 face-9 ID-9");
    Eventually.await(
        "a Job of " + cronJob + " created after the rotation succeeded",
        FIRING,
        () -> succeededJob(cronJob, rotated),
        j -> true);
    String metrics =
        Eventually.await(
            "the run after the rotation counted on /metrics",
            TIMEOUT,
            () -> SweepOnS3Proxy.scrape(METRICS_PORT),
            m ->
                Double.valueOf(3.0)
                    .equals(
                        value(
                            m, "ekyc_job_deleted_total", "identification-data", "identification")));
    assertThat(value(metrics, "ekyc_job_erased_total", "identification-data", "identification"))
        .isEqualTo(6.0);
    Eventually.await(
        "identification-data Compliant with the rotated Secret",
        TIMEOUT,
        () -> policy("identification-data"),
        p ->
            Conditions.isTrue(p.getStatus().conditions, Conditions.COMPLIANT)
                && "Succeeded".equals(p.getStatus().lastRun.result));
  }

  @Test
  @Order(3)
  void aCronJobEditedOrDeletedOutOfBandIsRestoredAndTheRealControllersOwnWritesAreNotDrift() {
    // By now the CronJob controller has written each CronJob's status and run Jobs from them for
    // minutes: none of
    // that may count as drift.
    assertThat(events("DriftCorrected")).as("no drift from the controller's own writes").isEmpty();

    String edited = CRON_JOBS.get("identification-data");
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(NAMESPACE)
        .withName(edited)
        .edit(
            c -> {
              c.getSpec().setSchedule("0 0 1 1 *");
              return c;
            });
    Eventually.await(
        "the schedule of " + edited + " restored",
        TIMEOUT,
        () -> client.batch().v1().cronjobs().inNamespace(NAMESPACE).withName(edited).get(),
        c -> EVERY_MINUTE.equals(c.getSpec().getSchedule()));
    Eventually.await(
        "a DriftCorrected event for " + edited,
        TIMEOUT,
        () -> events("DriftCorrected"),
        messages -> messages.stream().anyMatch(m -> m.contains("CronJob " + edited)));

    String deleted = CRON_JOBS.get("service-records");
    String uid =
        client
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(NAMESPACE)
            .withName(deleted)
            .get()
            .getMetadata()
            .getUid();
    client.batch().v1().cronjobs().inNamespace(NAMESPACE).withName(deleted).delete();
    Eventually.await(
        deleted + " created again",
        TIMEOUT,
        () -> client.batch().v1().cronjobs().inNamespace(NAMESPACE).withName(deleted).get(),
        c ->
            !uid.equals(c.getMetadata().getUid())
                && EVERY_MINUTE.equals(c.getSpec().getSchedule()));
    Eventually.await(
        "a DriftCorrected event for the deletion",
        TIMEOUT,
        () -> events("DriftCorrected"),
        messages -> messages.stream().anyMatch(m -> m.contains("deleted out of band")));
  }

  // --- helpers
  // ---------------------------------------------------------------------------------------------

  /**
   * Rows of the reference policies (table "Data, store, retention"), seeded before any policy
   * exists.
   */
  private static void seedDatabase() throws SQLException {
    db.identification(1, "31 DAY", false, null, 35, null);
    db.identification(2, "3 HOUR", false, null, 35, null);
    db.identification(3, "3 HOUR", true, null, 35, null);
    db.identification(4, "60 MINUTE", false, null, 35, null);
    db.identification(5, "31 DAY", true, null, 35, null);
    db.identification(6, "3 HOUR", true, "1 HOUR", 35, null);
    db.identification(7, "3 HOUR", true, null, 10, null);
    db.identification(8, "3 HOUR", true, null, 10, true);
    db.identification(9, "29 DAY", true, null, 35, null);
    db.apiCall(1, "731 DAY");
    db.apiCall(2, "729 DAY");
    db.apiCall(3, "1 HOUR");
  }

  /**
   * The manifest with spec.schedule every minute when it is a RetentionPolicy with a job; else
   * unchanged.
   */
  private static Path everyMinute(Path manifest) throws IOException {
    String yaml = Files.readString(manifest);
    if (!yaml.contains("kind: RetentionPolicy")) {
      return manifest;
    }
    RetentionPolicy policy = Serialization.unmarshal(yaml, RetentionPolicy.class);
    if (!CRON_JOBS.containsKey(policy.getMetadata().getName())) {
      return manifest;
    }
    policy.getSpec().schedule = EVERY_MINUTE;
    Path changed = Files.createTempFile("reference-" + policy.getMetadata().getName(), ".yaml");
    Files.writeString(changed, Serialization.asYaml(policy));
    return changed;
  }

  private static RetentionPolicy policy(String name) {
    return client.resources(RetentionPolicy.class).inNamespace(NAMESPACE).withName(name).get();
  }

  /**
   * A succeeded Job of the CronJob (created at or after {@code notBefore}, when given); a failed
   * one fails the test.
   */
  private static Job succeededJob(String cronJob, Instant notBefore) {
    List<Job> jobs =
        new ArrayList<>(
            client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(j -> ownedBy(j, cronJob))
                .filter(
                    j ->
                        notBefore == null
                            || !Instant.parse(j.getMetadata().getCreationTimestamp())
                                .isBefore(notBefore.minusSeconds(1)))
                .toList());
    jobs.sort(Comparator.comparing(j -> j.getMetadata().getCreationTimestamp()));
    for (Job job : jobs) {
      if (job.getStatus() == null) continue;
      if (job.getStatus().getSucceeded() != null && job.getStatus().getSucceeded() >= 1) {
        return job;
      }
      if (notBefore == null
          && job.getStatus().getFailed() != null
          && job.getStatus().getFailed() >= 1) {
        throw new AssertionError(
            "Job " + job.getMetadata().getName() + " of " + cronJob + " failed:\n" + logs(job));
      }
    }
    return null;
  }

  /** The messages of the events with {@code reason} on the reference policies. */
  private static List<String> events(String reason) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(
            e ->
                reason.equals(e.getReason())
                    && CRON_JOBS.containsKey(e.getInvolvedObject().getName()))
        .map(e -> e.getMessage())
        .toList();
  }

  private static boolean ownedBy(Job job, String cronJob) {
    return job.getMetadata().getOwnerReferences().stream()
        .anyMatch(o -> cronJob.equals(o.getName()));
  }

  private static String logs(Job job) {
    StringBuilder out = new StringBuilder();
    for (Pod pod :
        client
            .pods()
            .inNamespace(NAMESPACE)
            .withLabel("job-name", job.getMetadata().getName())
            .list()
            .getItems()) {
      out.append("--- pod ").append(pod.getMetadata().getName()).append('\n');
      try {
        out.append(
            client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).getLog());
      } catch (RuntimeException e) {
        out.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  /**
   * {@code kubectl get ekrp}: each policy's row, by column header (cells cut at the headers'
   * offsets: some are empty).
   */
  private static Map<String, Map<String, String>> getEkrp() {
    List<String> lines =
        cluster.kubectl("-n", NAMESPACE, "get", "ekrp").lines().filter(l -> !l.isBlank()).toList();
    String header = lines.get(0);
    List<Integer> starts = new ArrayList<>();
    var column = Pattern.compile("\\S+").matcher(header);
    while (column.find()) {
      starts.add(column.start());
    }
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < starts.size(); i++) {
        int from = Math.min(starts.get(i), line.length());
        int to = i + 1 < starts.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
        row.put(header.substring(starts.get(i)).split("\\s+")[0], line.substring(from, to).trim());
      }
      rows.put(row.get("NAME"), row);
    }
    return rows;
  }

  private static Double value(String metrics, String name, String policy, String rule) {
    return metric(metrics, name, Map.of("namespace", NAMESPACE, "policy", policy, "rule", rule));
  }

  /** The sample of {@code name} with all of {@code labels}; null when there is none. */
  private static Double metric(String metrics, String name, Map<String, String> labels) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + "{"))
        .filter(
            l ->
                labels.entrySet().stream()
                    .allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
        .map(l -> Double.valueOf(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(null);
  }
}
