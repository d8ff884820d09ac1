package dev.ekyc.operator.it;

import static dev.ekyc.operator.it.JobFixtures.jobArgs;
import static dev.ekyc.operator.it.JobFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code sweep} and {@code purge} run in process, as the container's entry point, against the real
 * kube-apiserver, s3proxy (objects backdated by mtime) and MariaDB, with the reference example's
 * policies. The stores' Ready condition is written by the test (the gate reads it; probing is the
 * operator's, tested elsewhere).
 */
class JobCommandsIT {
  private static final String SUFFIX =
      Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
  private static final String BUCKET = "it-jobs-media-" + SUFFIX;
  private static final String DATABASE = "ekyc_jobs_" + SUFFIX;
  private static final String DB_USER = "jobs_" + SUFFIX;

  private static KubernetesClient client;
  private static String namespace;
  private static S3Client s3;
  private static Connection admin;
  private static Path mounted;

  @BeforeAll
  static void setUp() throws Exception {
    URI s3proxy = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String host = Backends.require("EKYC_IT_MARIADB_HOST");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-jobs");

    s3 = JobFixtures.s3(s3proxy);
    s3.createBucket(b -> b.bucket(BUCKET));
    Map<String, String> s3Keys =
        Map.of(
            "accessKeyId",
            Backends.require("EKYC_IT_S3_ACCESS_KEY"),
            "secretAccessKey",
            Backends.require("EKYC_IT_S3_SECRET_KEY"));
    client.resource(StoreFixtures.secret(namespace, "cos-credentials", s3Keys)).create();
    mounted =
        JobFixtures.mountedSecret(
            Files.createTempDirectory("it-jobs-secrets"), "cos-credentials", s3Keys);

    admin =
        DriverManager.getConnection(
            "jdbc:mariadb://" + host + ":" + port + "/",
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    sql("CREATE DATABASE `" + DATABASE + "`");
    sql("CREATE USER '" + DB_USER + "'@'%' IDENTIFIED BY 'first-password'");
    sql("GRANT SELECT, UPDATE, DELETE, INSERT ON `" + DATABASE + "`.* TO '" + DB_USER + "'@'%'");
    sql(
        "CREATE TABLE `"
            + DATABASE
            + "`.identification_records (id BIGINT PRIMARY KEY, created_at DATETIME NULL,"
            + " face_image_ref VARCHAR(200) NULL, id_number VARCHAR(64) NULL, consent_model_training BOOLEAN NULL,"
            + " consent_withdrawn_at DATETIME NULL, date_of_birth DATE NULL, country CHAR(2) NULL,"
            + " parental_consent BOOLEAN NULL)");
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "mysql-credentials",
                Map.of("username", DB_USER, "password", "first-password")))
        .create();

    DataStore media =
        StoreFixtures.bucket(
            namespace,
            "verification-media",
            s3proxy.toString(),
            Backends.require("EKYC_IT_S3_REGION"),
            BUCKET,
            "cos-credentials");
    media.getSpec().objectStorage.credentialsSecretRef.accessKeyIdKey = "accessKeyId";
    media.getSpec().objectStorage.credentialsSecretRef.secretAccessKeyKey = "secretAccessKey";
    JobFixtures.createReady(client, media);
    JobFixtures.createReady(
        client,
        StoreFixtures.mariadb(namespace, "service-db", "mysql-credentials", port, DATABASE));
    client.resource(JobFixtures.referenceConsent(namespace)).create();

    // The reference media policy without training-faces: its consent tag needs object tagging,
    // which s3proxy
    // lacks (501); consent on objects is covered on moto in JobKillIT... and ObjectSweeperIT.
    RetentionPolicy mediaPolicy =
        JobFixtures.referencePolicy("retention-verification-media.yaml", namespace);
    mediaPolicy.getSpec().rules.removeIf(r -> r.name.equals("training-faces"));
    client.resource(mediaPolicy).create();
    client
        .resource(JobFixtures.referencePolicy("retention-identification-data.yaml", namespace))
        .create();
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (s3 != null) {
      for (String key : JobFixtures.keys(s3, BUCKET)) {
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
      }
      s3.deleteBucket(b -> b.bucket(BUCKET));
      s3.close();
    }
    if (admin != null) {
      sql("DROP DATABASE IF EXISTS `" + DATABASE + "`");
      sql("DROP USER IF EXISTS '" + DB_USER + "'@'%'");
      admin.close();
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void sweepDeletesBackdatedMediaKeepsYoungOnesAndADryRunDeletesNothing() {
    Instant now = JobFixtures.serverNow(s3, BUCKET);
    JobFixtures.putAged(s3, BUCKET, "liveness/old", now, Duration.ofHours(3));
    JobFixtures.putAged(s3, BUCKET, "liveness/young", now, Duration.ofMinutes(90));
    JobFixtures.putAged(s3, BUCKET, "id-ocr/old", now, Duration.ofMinutes(110));
    JobFixtures.putAged(s3, BUCKET, "id-ocr/young", now, Duration.ofMinutes(5));
    JobFixtures.putAged(s3, BUCKET, "unmanaged/old", now, Duration.ofDays(10));
    List<String> before = JobFixtures.keys(s3, BUCKET);

    var dry =
        run(
            jobArgs(
                    "sweep",
                    namespace,
                    "verification-media",
                    "--dry-run",
                    "--credentials-dir",
                    mounted.toString())
                .toArray(String[]::new));
    assertThat(dry.exitCode()).isZero();
    assertThat(JobFixtures.keys(s3, BUCKET)).as("a dry run deletes nothing").isEqualTo(before);
    RunRecord dryRecord = JobFixtures.record(client, namespace, "verification-media");
    assertThat(dryRecord.mode()).isEqualTo(RunMode.DryRun);
    assertThat(rule(dryRecord, "liveness-media").deleted()).as("would delete").isEqualTo(1L);

    var enforced =
        run(
            jobArgs(
                    "sweep",
                    namespace,
                    "verification-media",
                    "--credentials-dir",
                    mounted.toString())
                .toArray(String[]::new));
    assertThat(enforced.exitCode()).isZero();
    assertThat(JobFixtures.keys(s3, BUCKET))
        .containsExactly("id-ocr/young", "liveness/young", "unmanaged/old");

    RunRecord record = JobFixtures.record(client, namespace, "verification-media");
    assertThat(record.outcome()).isEqualTo(RunOutcome.Succeeded);
    assertThat(record.mode()).isEqualTo(RunMode.Enforce);
    assertThat(record.exitCode()).isZero();
    assertThat(record.lastSuccessTime()).isEqualTo(record.completionTime());
    assertThat(record.runId()).isNotEqualTo(dryRecord.runId());
    RuleResult liveness = rule(record, "liveness-media");
    assertThat(liveness.outcome()).isEqualTo(RunOutcome.Succeeded);
    assertThat(liveness.deleted()).isEqualTo(1L);
    assertThat(liveness.tooYoung()).isEqualTo(1L);
    assertThat(liveness.errors()).isZero();
    assertThat(liveness.capReached()).isFalse();
    assertThat(liveness.oldestDueAgeSeconds()).isZero();
    assertThat(Instant.parse(liveness.serverTime())).isAfterOrEqualTo(now);
    assertThat(Instant.parse(liveness.deleteCutoff()))
        .isEqualTo(Instant.parse(liveness.serverTime()).minus(Duration.ofMinutes(105)));
    assertThat(rule(record, "id-document-media").deleted()).isEqualTo(1L);

    ConfigMap map =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(RunNames.record("verification-media"))
            .get();
    RetentionPolicy policy =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(namespace)
            .withName("verification-media")
            .get();
    assertThat(map.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(policy.getMetadata().getUid()));
    assertThat(map.getMetadata().getLabels())
        .containsEntry(RunNames.POLICY_LABEL, "verification-media");
    assertThat(String.join("", map.getData().values()))
        .as("no keys in the record")
        .doesNotContain("liveness/old");
    Lease lease =
        client
            .resources(Lease.class)
            .inNamespace(namespace)
            .withName(RunNames.lease("verification-media"))
            .get();
    assertThat(lease.getSpec().getHolderIdentity()).as("released at the end").isNull();
  }

  @Test
  void purgeEnforcesTheReferenceRowsAndTheNextRunUsesARotatedSecret() throws SQLException {
    sql("DELETE FROM `" + DATABASE + "`.identification_records");
    seed(1, "31 DAY", false); // older than 30d: deleted
    seed(2, "3 HOUR", false); // no consent, past 105m: sensitive columns erased, row kept
    seed(3, "3 HOUR", true); // consent: kept whole
    seed(4, "60 MINUTE", false); // young: kept whole
    seed(5, "31 DAY", true); // consent does not extend the 30d retention: deleted
    sql(
        "INSERT INTO `"
            + DATABASE
            + "`.identification_records (id, created_at, face_image_ref, id_number)"
            + " VALUES (6, NULL, 'face-6', 'ID-6')"); // unknown age: left alone

    var first = run(jobArgs("purge", namespace, "identification-data").toArray(String[]::new));
    assertThat(first.exitCode()).isZero();
    assertThat(rows())
        .containsExactly("2 erased", "3 face-3 ID-3", "4 face-4 ID-4", "6 face-6 ID-6");
    RuleResult result =
        rule(JobFixtures.record(client, namespace, "identification-data"), "identification");
    assertThat(result.deleted()).isEqualTo(2L);
    // Erasure runs before the purge, so the 31-day-old row without consent is erased, then deleted.
    assertThat(result.erased()).isEqualTo(2L);
    assertThat(result.nullTimestamps()).isEqualTo(1L);
    assertThat(result.eraseCutoff()).isNotNull();

    // Rotation: the database takes only the new password now; the old Secret fails, the updated one
    // works.
    sql("ALTER USER '" + DB_USER + "'@'%' IDENTIFIED BY 'second-password'");
    seed(7, "31 DAY", false);
    var stale = run(jobArgs("purge", namespace, "identification-data").toArray(String[]::new));
    assertThat(stale.exitCode()).isEqualTo(ExitCode.FAILED.code());
    RunRecord failed = JobFixtures.record(client, namespace, "identification-data");
    assertThat(failed.outcome()).isEqualTo(RunOutcome.Failed);
    assertThat(failed.message()).contains("cannot open the store").doesNotContain("first-password");
    assertThat(failed.lastSuccessTime()).as("carried over from the last success").isNotNull();
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "mysql-credentials",
                Map.of("username", DB_USER, "password", "second-password")))
        .update();
    var rotated = run(jobArgs("purge", namespace, "identification-data").toArray(String[]::new));
    assertThat(rotated.exitCode()).isZero();
    assertThat(rows()).doesNotContain("7 face-7 ID-7", "7 erased");
  }

  @Test
  void aCappedSweepReportsTheAgeOfTheDueObjectItLeft() {
    RetentionPolicy capped = mediaPolicy("capped-media", "verification-media", "capped/", "105m");
    capped.getSpec().safety = new dev.ekyc.operator.api.v1alpha1.SafetySpec();
    capped.getSpec().safety.maxDeletionsPerRun = 1L;
    client.resource(capped).create();
    Instant now = JobFixtures.serverNow(s3, BUCKET);
    JobFixtures.putAged(s3, BUCKET, "capped/a", now, Duration.ofHours(3));
    JobFixtures.putAged(
        s3, BUCKET, "capped/b", now, Duration.ofHours(5)); // listed after a: where the cap stops

    assertThat(
            run(jobArgs("sweep", namespace, "capped-media", "--credentials-dir", mounted.toString())
                    .toArray(String[]::new))
                .exitCode())
        .isZero();
    RuleResult first =
        rule(JobFixtures.record(client, namespace, "capped-media"), "liveness-media");
    assertThat(first.deleted()).isEqualTo(1L);
    assertThat(first.backlog()).isTrue();
    long age =
        Duration.between(now.minus(Duration.ofHours(5)), Instant.parse(first.serverTime()))
            .toSeconds();
    assertThat(first.oldestDueAgeSeconds())
        .as("capped/b's age by the S3 server's clock")
        .isEqualTo(age);

    assertThat(
            run(jobArgs("sweep", namespace, "capped-media", "--credentials-dir", mounted.toString())
                    .toArray(String[]::new))
                .exitCode())
        .isZero();
    RuleResult second =
        rule(JobFixtures.record(client, namespace, "capped-media"), "liveness-media");
    assertThat(second.backlog()).isFalse();
    assertThat(second.oldestDueAgeSeconds()).isZero();
    assertThat(JobFixtures.keys(s3, BUCKET)).noneMatch(k -> k.startsWith("capped/"));
  }

  @Test
  void aCappedPurgeReportsTheAgeOfTheOldestRowItLeft() throws SQLException {
    sql(
        "CREATE TABLE `"
            + DATABASE
            + "`.backlog_records (id BIGINT PRIMARY KEY, created_at DATETIME NULL,"
            + " INDEX (created_at))");
    // The walk goes in key order; the oldest rows have the higher keys, so the cap leaves them.
    int[] ageDays = {6, 7, 10, 9, 8};
    for (int i = 0; i < ageDays.length; i++) {
      sql(
          "INSERT INTO `"
              + DATABASE
              + "`.backlog_records VALUES ("
              + (i + 1)
              + ", UTC_TIMESTAMP() - INTERVAL "
              + ageDays[i]
              + " DAY)");
    }
    sql("INSERT INTO `" + DATABASE + "`.backlog_records VALUES (6, UTC_TIMESTAMP())"); // young
    client
        .resource(
            Serialization.unmarshal(
                """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: backlog, namespace: %s}
        spec:
          storeRef: {name: service-db}
          safety: {maxDeletionsPerRun: 2}
          rules:
          - name: records
            dataCategory: monitoring
            table: {name: backlog_records, timestampColumn: created_at, key: id}
            retention: 1d
        """
                    .formatted(namespace),
                RetentionPolicy.class))
        .create();

    long[] expectedOldest = {10 * 86_400L, 8 * 86_400L};
    for (long oldest : expectedOldest) {
      assertThat(run(jobArgs("purge", namespace, "backlog").toArray(String[]::new)).exitCode())
          .isZero();
      RuleResult result = rule(JobFixtures.record(client, namespace, "backlog"), "records");
      assertThat(result.deleted()).isEqualTo(2L);
      assertThat(result.capReached()).isTrue();
      assertThat(result.backlog()).isTrue();
      assertThat(result.oldestDueAgeSeconds())
          .as("the oldest row left, by the server's clock")
          .isBetween(oldest, oldest + 60);
    }
    assertThat(run(jobArgs("purge", namespace, "backlog").toArray(String[]::new)).exitCode())
        .isZero();
    RuleResult last = rule(JobFixtures.record(client, namespace, "backlog"), "records");
    assertThat(last.deleted()).isEqualTo(1L);
    assertThat(last.backlog()).isFalse();
    assertThat(last.oldestDueAgeSeconds()).isZero();
    try (Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM `" + DATABASE + "`.backlog_records")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).as("only the young row is left").isEqualTo(6L);
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void aPolicyInAuditModeCountsButDeletesNothing() {
    RetentionPolicy audit = mediaPolicy("audited", "verification-media", "audit/", "105m");
    audit.getSpec().mode = dev.ekyc.operator.api.v1alpha1.EnforcementMode.Audit;
    client.resource(audit).create();
    Instant now = JobFixtures.serverNow(s3, BUCKET);
    JobFixtures.putAged(s3, BUCKET, "audit/old", now, Duration.ofHours(3));

    assertThat(run(jobArgs("sweep", namespace, "audited").toArray(String[]::new)).exitCode())
        .isZero();
    assertThat(JobFixtures.keys(s3, BUCKET)).contains("audit/old");
    RunRecord record = JobFixtures.record(client, namespace, "audited");
    assertThat(record.mode()).isEqualTo(RunMode.Audit);
    assertThat(record.outcome()).isEqualTo(RunOutcome.Succeeded);
    assertThat(rule(record, "liveness-media").deleted()).as("would delete").isEqualTo(1L);
  }

  @Test
  void refusalsHaveTheirOwnExitCodes() {
    assertThat(run(jobArgs("sweep", namespace, "no-such-policy").toArray(String[]::new)).exitCode())
        .isEqualTo(ExitCode.POLICY_NOT_FOUND.code());
    assertThat(
            run(jobArgs("purge", namespace, "verification-media").toArray(String[]::new))
                .exitCode())
        .isEqualTo(ExitCode.WRONG_STORE_TYPE.code());

    // Each case on a store of its own, so the shared policies stay valid for the other tests.
    mediaStore("store-invalid", true, "cos-credentials");
    RetentionPolicy hourly = mediaPolicy("hourly", "store-invalid", "a/", "105m");
    hourly.getSpec().schedule = "0 * * * *";
    hourly.getSpec().rules.get(0).deleteWithin = "2h";
    client.resource(hourly).create();
    var invalid = run(jobArgs("sweep", namespace, "hourly").toArray(String[]::new));
    assertThat(invalid.exitCode()).isEqualTo(ExitCode.POLICY_INVALID.code());
    assertThat(JobFixtures.record(client, namespace, "hourly").outcome())
        .isEqualTo(RunOutcome.Refused);
    assertThat(JobFixtures.record(client, namespace, "hourly").exitCode())
        .isEqualTo(ExitCode.POLICY_INVALID.code());

    mediaStore("store-conflict", true, "cos-credentials");
    client.resource(mediaPolicy("short", "store-conflict", "b/", "30m")).create();
    client.resource(mediaPolicy("long", "store-conflict", "b/", "60m")).create();
    var conflict = run(jobArgs("sweep", namespace, "short").toArray(String[]::new));
    assertThat(conflict.exitCode()).isEqualTo(ExitCode.POLICY_CONFLICT.code());
    assertThat(JobFixtures.record(client, namespace, "short").message()).contains("long");

    mediaStore("store-down", false, "cos-credentials");
    client.resource(mediaPolicy("down", "store-down", "c/", "105m")).create();
    assertThat(run(jobArgs("sweep", namespace, "down").toArray(String[]::new)).exitCode())
        .isEqualTo(ExitCode.STORE_NOT_READY.code());

    mediaStore("store-nosecret", true, "absent-secret");
    client.resource(mediaPolicy("nosecret", "store-nosecret", "d/", "105m")).create();
    assertThat(run(jobArgs("sweep", namespace, "nosecret").toArray(String[]::new)).exitCode())
        .isEqualTo(ExitCode.CREDENTIALS_UNAVAILABLE.code());
    assertThat(JobFixtures.record(client, namespace, "nosecret").message())
        .contains("absent-secret");
  }

  @Test
  void aHeldLeaseStopsASecondRunAndAStaleOneIsTaken() {
    client.resource(mediaPolicy("guarded", "verification-media", "guarded/", "105m")).create();
    String leaseName = RunNames.lease("guarded");
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    client
        .resource(
            new LeaseBuilder()
                .withNewMetadata()
                .withName(leaseName)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("other-pod-1234")
                .withLeaseDurationSeconds(60)
                .withAcquireTime(now)
                .withRenewTime(now)
                .endSpec()
                .build())
        .create();

    var second = run(jobArgs("sweep", namespace, "guarded").toArray(String[]::new));
    assertThat(second.exitCode()).isEqualTo(ExitCode.RUN_IN_PROGRESS.code());
    assertThat(
            client.configMaps().inNamespace(namespace).withName(RunNames.record("guarded")).get())
        .as("the refused run writes no record: it would overwrite the live run's")
        .isNull();

    // Left behind by an earlier policy of the same name (no owner now, a damaged record): the next
    // run adopts
    // both and writes a readable record.
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata()
                .withName(RunNames.record("guarded"))
                .endMetadata()
                .withData(Map.of("run.json", "{damaged"))
                .build())
        .create();
    Lease held = client.resources(Lease.class).inNamespace(namespace).withName(leaseName).get();
    held.getSpec().setRenewTime(now.minusMinutes(2)); // its holder stopped renewing: dead
    client.resource(held).update();
    var next = run(jobArgs("sweep", namespace, "guarded").toArray(String[]::new));
    assertThat(next.exitCode()).isZero();
    Lease after = client.resources(Lease.class).inNamespace(namespace).withName(leaseName).get();
    assertThat(after.getSpec().getHolderIdentity()).isNull();
    assertThat(after.getSpec().getLeaseTransitions()).isEqualTo(1);
    assertThat(JobFixtures.record(client, namespace, "guarded").outcome())
        .isEqualTo(RunOutcome.Succeeded);
    String uid =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(namespace)
            .withName("guarded")
            .get()
            .getMetadata()
            .getUid();
    assertThat(after.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(uid));
    assertThat(
            client
                .configMaps()
                .inNamespace(namespace)
                .withName(RunNames.record("guarded"))
                .get()
                .getMetadata()
                .getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(uid));
  }

  // --- helpers
  // ---------------------------------------------------------------------------------------------

  private static void mediaStore(String name, boolean ready, String secret) {
    DataStore store =
        StoreFixtures.bucket(
            namespace,
            name,
            Backends.require("EKYC_IT_S3PROXY_URL"),
            Backends.require("EKYC_IT_S3_REGION"),
            BUCKET,
            secret);
    store.getSpec().objectStorage.credentialsSecretRef.accessKeyIdKey = "accessKeyId";
    store.getSpec().objectStorage.credentialsSecretRef.secretAccessKeyKey = "secretAccessKey";
    DataStore created = JobFixtures.createReady(client, store);
    if (!ready) {
      created.getStatus().conditions =
          Conditions.withTransitionTimes(
              Conditions.stalled(
                  created.getMetadata().getGeneration(),
                  "Unreachable",
                  "connection refused (set by the test)"),
              List.of(),
              Instant.now());
      client.resource(created).updateStatus();
    }
  }

  /**
   * A versioned bucket (moto) that replicates to a bucket no policy covers: the rule is swept
   * version by version, then fails naming the destination and the fix, until a DataStore and policy
   * with an equal promise cover it. No wait: the objects stay young, the refusal does not depend on
   * age.
   */
  @Test
  void aVersionedBucketReplicatedToAnUncoveredBucketFailsTheRuleNamingItUntilAPolicyCoversIt() {
    URI moto = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    String suffix = Long.toString(System.nanoTime(), 36);
    String source = "it-jobs-versioned-" + suffix;
    String replica = "it-jobs-replica-" + suffix;
    try (S3Client motoS3 = JobFixtures.s3(moto)) {
      for (String bucket : List.of(source, replica)) {
        motoS3.createBucket(b -> b.bucket(bucket));
        motoS3.putBucketVersioning(
            b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
      }
      motoS3.putBucketReplication(
          b ->
              b.bucket(source)
                  .replicationConfiguration(
                      c ->
                          c.role("arn:aws:iam::123456789012:role/replication")
                              .rules(
                                  r ->
                                      r.id("dr")
                                          .status("Enabled")
                                          .priority(1)
                                          .filter(f -> f.prefix(""))
                                          .deleteMarkerReplication(d -> d.status("Disabled"))
                                          .destination(d -> d.bucket("arn:aws:s3:::" + replica)))));
      JobFixtures.put(motoS3, source, "liveness/a.jpg", Map.of());
      JobFixtures.put(motoS3, source, "liveness/a.jpg", Map.of());
      try {
        JobFixtures.createReady(
            client,
            StoreFixtures.bucket(
                namespace,
                "replicated-media",
                moto.toString(),
                Backends.require("EKYC_IT_S3_REGION"),
                source,
                "cos-credentials"));
        client
            .resource(mediaPolicy("replicated-media", "replicated-media", "liveness/", "105m"))
            .create();

        var refused =
            run(
                jobArgs(
                        "sweep",
                        namespace,
                        "replicated-media",
                        "--credentials-dir",
                        mounted.toString())
                    .toArray(String[]::new));
        assertThat(refused.exitCode()).isEqualTo(ExitCode.FAILED.code());
        RunRecord failedRun = JobFixtures.record(client, namespace, "replicated-media");
        assertThat(failedRun.message())
            .as("what Compliant's JobFailed message shows")
            .contains("rule liveness-media failed: replication to bucket " + replica);
        RuleResult failed = rule(failedRun, "liveness-media");
        assertThat(failed.outcome()).isEqualTo(RunOutcome.Failed);
        assertThat(failed.error())
            .contains("replication to bucket " + replica)
            .contains("add a DataStore for bucket " + replica)
            .contains("deleteWithin at most 2h");
        assertThat(failed.objectCopies().bucketVersioning()).isEqualTo("Enabled");
        assertThat(failed.listed()).as("both versions listed").isEqualTo(2L);
        assertThat(failed.tooYoung()).isEqualTo(2L);
        assertThat(failed.oldestDueAgeSeconds()).as("a failed rule bounds nothing").isNull();
        ConfigMap map =
            client
                .configMaps()
                .inNamespace(namespace)
                .withName(RunNames.record("replicated-media"))
                .get();
        assertThat(map.getData().get("rule.liveness-media.json").replaceAll("\\s", ""))
            .contains("\"objectCopies\":{\"bucketVersioning\":\"Enabled\"");

        JobFixtures.createReady(
            client,
            StoreFixtures.bucket(
                namespace,
                "replica-media",
                moto.toString(),
                Backends.require("EKYC_IT_S3_REGION"),
                replica,
                "cos-credentials"));
        client
            .resource(mediaPolicy("replica-media", "replica-media", "liveness/", "105m"))
            .create();
        var covered =
            run(
                jobArgs(
                        "sweep",
                        namespace,
                        "replicated-media",
                        "--credentials-dir",
                        mounted.toString())
                    .toArray(String[]::new));
        assertThat(covered.exitCode()).isZero();
        assertThat(
                rule(JobFixtures.record(client, namespace, "replicated-media"), "liveness-media")
                    .outcome())
            .isEqualTo(RunOutcome.Succeeded);
      } finally {
        for (String bucket : List.of(source, replica)) {
          for (var page : motoS3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
            page.versions()
                .forEach(
                    v ->
                        motoS3.deleteObject(
                            b -> b.bucket(bucket).key(v.key()).versionId(v.versionId())));
          }
          motoS3.deleteBucket(b -> b.bucket(bucket));
        }
      }
    }
  }

  private static RetentionPolicy mediaPolicy(
      String name, String store, String prefix, String retention) {
    RetentionPolicy policy =
        JobFixtures.referencePolicy("retention-verification-media.yaml", namespace);
    policy.getMetadata().setName(name);
    policy.getSpec().storeRef.name = store;
    RetentionRule rule = new KubernetesSerialization().clone(policy.getSpec().rules.get(0));
    rule.objects.prefix = prefix;
    rule.retention = retention;
    rule.deleteWithin = null;
    policy.getSpec().rules = new ArrayList<>(List.of(rule));
    return policy;
  }

  private static RuleResult rule(RunRecord record, String name) {
    return record.rules().stream()
        .filter(r -> r.rule().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no result for rule " + name + " in " + record));
  }

  private static void seed(long id, String age, boolean consent) throws SQLException {
    sql(
        "INSERT INTO `"
            + DATABASE
            + "`.identification_records (id, created_at, face_image_ref, id_number,"
            + " consent_model_training, date_of_birth, country) VALUES ("
            + id
            + ", UTC_TIMESTAMP() - INTERVAL "
            + age
            + ", 'face-"
            + id
            + "', 'ID-"
            + id
            + "', "
            + consent
            + ", '1990-01-01', 'SG')");
  }

  /** The table read independently: id and its sensitive values, or "erased" when both are NULL. */
  private static List<String> rows() throws SQLException {
    Map<Long, String> rows = new TreeMap<>();
    try (Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, face_image_ref, id_number FROM `"
                    + DATABASE
                    + "`.identification_records")) {
      while (rs.next()) {
        String face = rs.getString(2);
        String idNumber = rs.getString(3);
        rows.put(
            rs.getLong(1), face == null && idNumber == null ? "erased" : face + " " + idNumber);
      }
    }
    return rows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
  }

  private static void sql(String statement) throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute(statement);
    }
  }
}
