package dev.ekyc.operator.it;

import static dev.ekyc.operator.it.JobFixtures.jobArgs;
import static dev.ekyc.operator.it.JobFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordReader;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the job's JVM half way, then a rerun: the end state equals that of an uninterrupted
 * run on an identical copy (read by an independent query), and nothing that must be kept is touched
 * at any point.
 */
class JobKillIT {
  private static final String SUFFIX =
      Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
  private static final String KILLED_DB = "ekyc_kill_a_" + SUFFIX;
  private static final String WHOLE_DB = "ekyc_kill_b_" + SUFFIX;

  /**
   * Old rows without consent: erased, then deleted, 1000 per batch; enough batches to be killed
   * among them.
   */
  private static final int OLD_ROWS = 200_000;

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static KubernetesClient client;
  private static String namespace;
  private static Connection admin;
  private static Path mounted;

  @BeforeAll
  static void setUp() throws Exception {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String host = Backends.require("EKYC_IT_MARIADB_HOST");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-jobkill");
    admin =
        DriverManager.getConnection(
            "jdbc:mariadb://" + host + ":" + port + "/",
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    Map<String, String> login =
        Map.of(
            "username",
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            "password",
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    client.resource(StoreFixtures.secret(namespace, "mysql-credentials", login)).create();
    mounted =
        JobFixtures.mountedSecret(
            Files.createTempDirectory("it-jobkill-secrets"), "mysql-credentials", login);
    client.resource(JobFixtures.referenceConsent(namespace)).create();
    for (String db : List.of(KILLED_DB, WHOLE_DB)) {
      seed(db);
      String store = db.replace('_', '-');
      JobFixtures.createReady(
          client, StoreFixtures.mariadb(namespace, store, "mysql-credentials", port, db));
      RetentionPolicy policy =
          JobFixtures.referencePolicy("retention-identification-data.yaml", namespace);
      policy.getMetadata().setName(store);
      policy.getSpec().storeRef.name = store;
      // Room for the whole table in one run (erasure counts too), so "uninterrupted" means one run.
      policy.getSpec().safety = new dev.ekyc.operator.api.v1alpha1.SafetySpec();
      policy.getSpec().safety.maxDeletionsPerRun = 1_000_000L;
      client.resource(policy).create();
    }
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (admin != null) {
      for (String db : List.of(KILLED_DB, WHOLE_DB)) {
        sql("DROP DATABASE IF EXISTS `" + db + "`");
      }
      admin.close();
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void aPurgeKilledHalfWayAndRerunEndsAsAnUninterruptedRunAndNeverTouchesWhatMustBeKept()
      throws Exception {
    String killedPolicy = KILLED_DB.replace('_', '-');
    String wholePolicy = WHOLE_DB.replace('_', '-');
    List<String> keptBefore = kept(KILLED_DB);
    assertThat(keptBefore).hasSize(2_000);

    RunRecord killedRecord;
    try (ChildJob job =
        ChildJob.start(
            "purge",
            Map.of(
                "POD_NAMESPACE",
                namespace,
                "EKYC_POLICY",
                killedPolicy,
                "HOSTNAME",
                killedPolicy + "-28911230-x7k2p",
                "EKYC_CREDENTIALS_DIR",
                mounted.toString()),
            "--lease-duration",
            "3s")) {
      // A second run while the child holds the Lease is refused, and changes nothing.
      Eventually.await(
          "the child to hold the run Lease",
          TIMEOUT,
          () ->
              client
                  .resources(Lease.class)
                  .inNamespace(namespace)
                  .withName(RunNames.lease(killedPolicy))
                  .get(),
          lease ->
              lease.getSpec().getHolderIdentity() != null
                  && lease
                      .getSpec()
                      .getHolderIdentity()
                      .startsWith(killedPolicy + "-28911230-x7k2p"));
      assertThat(
              run(jobArgs("purge", namespace, killedPolicy, "--credentials-dir", mounted.toString())
                      .toArray(String[]::new))
                  .exitCode())
          .isEqualTo(dev.ekyc.operator.job.ExitCode.RUN_IN_PROGRESS.code());
      assertThat(job.alive()).as("the child still ran during the refused second run").isTrue();
      // Kill once erasure is done and the first delete batches are committed, while the JVM is
      // still working.
      long total = count(KILLED_DB, "TRUE");
      Eventually.await(
          "the purge to be deleting",
          TIMEOUT,
          () -> count(KILLED_DB, "TRUE"),
          left -> left < total || !job.alive());
      assertThat(job.alive())
          .as("still running when killed (else raise OLD_ROWS); log:\n" + job.log())
          .isTrue();
      int status = job.killDashNine();
      System.out.println(
          "[it] purge child killed with status " + status + "; its log:\n" + job.log());
      assertThat(job.log()).doesNotContain(Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
      killedRecord = JobFixtures.record(client, namespace, killedPolicy);
    }
    assertThat(killedRecord.outcome())
        .as("a killed run stays visible as Running")
        .isEqualTo(RunOutcome.Running);
    assertThat(killedRecord.deadline()).isNotNull();
    assertThat(count(KILLED_DB, "id <= " + OLD_ROWS + " AND face_image_ref IS NOT NULL"))
        .as("erasure ran before the purge")
        .isZero();
    assertThat(killedRecord.rules())
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(RunOutcome.Running));
    assertThat(count(KILLED_DB, "created_at < UTC_TIMESTAMP() - INTERVAL 30 DAY"))
        .as("killed before all old rows were deleted")
        .isPositive();
    assertThat(kept(KILLED_DB))
        .as("nothing young or consented touched by the killed run")
        .isEqualTo(keptBefore);

    // The rerun waits only for the dead run's Lease to expire (3 s), then takes it.
    Eventually.await(
        "the dead run's Lease to expire",
        TIMEOUT,
        () ->
            client
                .resources(Lease.class)
                .inNamespace(namespace)
                .withName(RunNames.lease(killedPolicy))
                .get(),
        lease -> lease.getSpec().getRenewTime().toInstant().plusSeconds(3).isBefore(Instant.now()));
    assertThat(
            run(jobArgs("purge", namespace, killedPolicy, "--credentials-dir", mounted.toString())
                    .toArray(String[]::new))
                .exitCode())
        .isZero();
    assertThat(
            run(jobArgs("purge", namespace, wholePolicy, "--credentials-dir", mounted.toString())
                    .toArray(String[]::new))
                .exitCode())
        .isZero();

    assertThat(state(KILLED_DB)).as("killed and rerun = uninterrupted").isEqualTo(state(WHOLE_DB));
    assertThat(count(KILLED_DB, "created_at < UTC_TIMESTAMP() - INTERVAL 30 DAY")).isZero();
    assertThat(kept(KILLED_DB)).isEqualTo(keptBefore);
    RunRecord rerun = new RunRecordReader(client).read(namespace, killedPolicy).orElseThrow();
    assertThat(rerun.outcome()).isEqualTo(RunOutcome.Succeeded);
    assertThat(rerun.runId()).isNotEqualTo(killedRecord.runId());
  }

  /**
   * Old rows, rows in the erasure window, and rows that must be kept whole (young, or consented).
   */
  private static void seed(String db) throws SQLException {
    sql("CREATE DATABASE `" + db + "`");
    sql(
        "CREATE TABLE `"
            + db
            + "`.identification_records (id BIGINT PRIMARY KEY, created_at DATETIME NULL,"
            + " face_image_ref VARCHAR(200) NULL, id_number VARCHAR(64) NULL, consent_model_training BOOLEAN NULL,"
            + " consent_withdrawn_at DATETIME NULL, date_of_birth DATE NULL, country CHAR(2) NULL,"
            + " parental_consent BOOLEAN NULL)");
    String insert =
        "INSERT INTO `"
            + db
            + "`.identification_records (id, created_at, face_image_ref, id_number,"
            + " consent_model_training, date_of_birth, country) SELECT ";
    String from =
        ", CONCAT('face-', seq), CONCAT('ID-', seq), %s, '1990-01-01', 'SG' FROM `"
            + db
            + "`.seq_%d_to_%d";
    sql(
        insert
            + "seq, UTC_TIMESTAMP() - INTERVAL 31 DAY - INTERVAL seq SECOND"
            + String.format(Locale.ROOT, from, "FALSE", 1, OLD_ROWS));
    sql(
        insert
            + "seq, UTC_TIMESTAMP() - INTERVAL 3 HOUR"
            + String.format(Locale.ROOT, from, "FALSE", 500_001, 520_000));
    sql(
        insert
            + "seq, UTC_TIMESTAMP() - INTERVAL 3 HOUR"
            + String.format(Locale.ROOT, from, "TRUE", 600_001, 601_000));
    sql(
        insert
            + "seq, UTC_TIMESTAMP() - INTERVAL 30 MINUTE"
            + String.format(Locale.ROOT, from, "FALSE", 700_001, 701_000));
  }

  /** The rows no run may change: young ones and consented ones, whole. */
  private static List<String> kept(String db) throws SQLException {
    return query(
        "SELECT CONCAT(id, ' ', IFNULL(face_image_ref, 'NULL'), ' ', IFNULL(id_number, 'NULL')) FROM `"
            + db
            + "`.identification_records WHERE id > 600000 ORDER BY id");
  }

  /**
   * Every row's id and whether its sensitive columns are erased; timestamps differ between the
   * copies by ms.
   */
  private static List<String> state(String db) throws SQLException {
    return query(
        "SELECT CONCAT(id, ' ', face_image_ref IS NULL, ' ', id_number IS NULL) FROM `"
            + db
            + "`.identification_records ORDER BY id");
  }

  private static long count(String db, String where) {
    try {
      return Long.parseLong(
          query("SELECT COUNT(*) FROM `" + db + "`.identification_records WHERE " + where).get(0));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> query(String select) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery(select)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private static void sql(String statement) throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute(statement);
    }
  }
}
