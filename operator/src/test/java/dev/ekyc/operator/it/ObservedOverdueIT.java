package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ObservedOldest;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A purge CronJob that never runs (the kube-apiserver alone has no CronJob controller: the operator
 * creates the CronJob, nothing ever starts it) and rows backdated 40 days in the real MariaDB: the
 * operator turns Compliant False with DeletionOverdue from what the table holds, read on its drift
 * interval, not from the job's bookkeeping (no run record exists, and the job is far from missed:
 * the schedule is hourly). It names the table, gives the observed age in status (rules[].oldest,
 * OLDEST), a Warning event and the metrics; once the rows are gone (deleted here by hand, as any
 * run would), Compliant is True again. And on the second testenv MariaDB (binary log on, 7-day
 * expiry), a shorter promise is not Compliant until the rule acknowledges the binlog (and the open
 * transactions, which the application user cannot see).
 */
class ObservedOverdueIT {
  private static final Duration DRIFT_INTERVAL = Duration.ofSeconds(3);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;
  private static MeterRegistry registry;
  private static Connection admin;
  private static String database;
  private static String table;

  @BeforeAll
  static void start() throws SQLException {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    database = Backends.require("EKYC_IT_MARIADB_DATABASE");
    table = "observed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    admin =
        DriverManager.getConnection(
            "jdbc:mariadb://" + Backends.require("EKYC_IT_MARIADB_HOST") + ":" + port + "/",
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT PRIMARY KEY, created_at DATETIME(6),"
            + " legal_hold BOOLEAN, INDEX by_created (created_at))");
    execute(
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES (1, UTC_TIMESTAMP(6) - INTERVAL 40 DAY, NULL),"
            + " (2, UTC_TIMESTAMP(6) - INTERVAL 90 DAY, TRUE), (3, UTC_TIMESTAMP(6) - INTERVAL 1 HOUR, NULL)");

    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "observed");
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
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "db",
                Map.of(
                    "username", Backends.require("EKYC_IT_MARIADB_USER"),
                    "password", Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
        .create();
    client.resource(StoreFixtures.mariadb(namespace, "db", "db", port, database)).create();
  }

  @AfterAll
  static void stop() throws SQLException {
    if (operator != null) operator.close();
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
    if (admin != null) {
      execute("DROP TABLE IF EXISTS `" + database + "`.`" + table + "`");
      admin.close();
    }
    int binlogPort = Integer.parseInt(Backends.require("EKYC_IT_MARIADB_BINLOG_PORT"));
    try (Connection binlogAdmin =
            DriverManager.getConnection(
                "jdbc:mariadb://"
                    + Backends.require("EKYC_IT_MARIADB_HOST")
                    + ":"
                    + binlogPort
                    + "/",
                Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
                Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
        Statement s = binlogAdmin.createStatement()) {
      s.execute("DROP TABLE IF EXISTS `" + database + "`.`" + table + "`");
    }
  }

  /**
   * The second testenv MariaDB keeps a row-based binary log 7 days: a promise of 2h on its table is
   * not Compliant (ResidualOutlivesPromise, with the fix), the binlog shows next to the live worst
   * case; acknowledging the binlog with a reason makes it Compliant while status still shows the
   * copy.
   */
  @Test
  void aPromiseShorterThanTheBinaryLogsExpiryIsNotCompliantUntilAcknowledged() throws SQLException {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_BINLOG_PORT");
    try (Connection binlogAdmin =
            DriverManager.getConnection(
                "jdbc:mariadb://" + Backends.require("EKYC_IT_MARIADB_HOST") + ":" + port + "/",
                Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
                Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
        Statement s = binlogAdmin.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS `"
              + database
              + "`.`"
              + table
              + "` (id BIGINT PRIMARY KEY,"
              + " created_at DATETIME(6), legal_hold BOOLEAN, INDEX by_created (created_at))");
    }
    client.resource(StoreFixtures.mariadb(namespace, "binlog-db", "db", port, database)).create();
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media-meta, namespace: %s}
        spec:
          storeRef: {name: binlog-db}
          rules:
          - name: media-meta
            dataCategory: biometric
            table: {name: %s, key: id, timestampColumn: created_at}
            retention: 105m
            deleteWithin: 2h
        %s""";
    client
        .load(
            new ByteArrayInputStream(
                yaml.formatted(namespace, table, "").getBytes(StandardCharsets.UTF_8)))
        .serverSideApply();
    RetentionPolicy refused =
        Eventually.await(
            "Compliant=False/ResidualOutlivesPromise",
            TIMEOUT,
            () -> get("media-meta"),
            p ->
                condition(p)
                    .filter(c -> "ResidualOutlivesPromise".equals(c.getReason()))
                    .isPresent());
    assertThat(condition(refused).orElseThrow().getMessage())
        .contains("binlog ≤ 7d (binlog_expire_logs_seconds=604800)")
        .contains("promise 2h (deleteWithin)")
        .contains("fix: set binlog_expire_logs_seconds")
        .contains("acceptedResiduals (kind binlog")
        // The application user may not read INNODB_TRX: unknown, which never reads as compliant
        // under a day.
        .contains("open transaction unknown");
    RuleStatus rule = refused.getStatus().rules.get(0);
    assertThat(rule.copies).startsWith("live 2h; binlog ≤ 7d (binlog_expire_logs_seconds=604800)");
    assertThat(rule.residuals)
        .anySatisfy(
            r -> {
              assertThat(r.kind).isEqualTo("binlog");
              assertThat(r.breaksPromise).isTrue();
            });

    String accepted =
        "    acceptedResiduals:\n    - {kind: Binlog, reason: \"point-in-time recovery for 7d, binlog"
            + " readable by the DBA on-call only (DPIA-12)\"}\n    - {kind: OpenTransaction, reason: \"the application"
            + " runs no transaction longer than a minute (statement timeout 60 s)\"}\n";
    client
        .load(
            new ByteArrayInputStream(
                yaml.formatted(namespace, table, accepted).getBytes(StandardCharsets.UTF_8)))
        .serverSideApply();
    RetentionPolicy acknowledged =
        Eventually.await(
            "Compliant=True once the binlog is acknowledged",
            TIMEOUT,
            () -> get("media-meta"),
            p ->
                condition(p).filter(c -> "True".equals(c.getStatus())).isPresent()
                    && p.getStatus().observedGeneration == 2L);
    assertThat(acknowledged.getStatus().rules.get(0).residuals)
        .anySatisfy(
            r -> {
              assertThat(r.kind).isEqualTo("binlog");
              assertThat(r.accepted).isTrue();
            });
  }

  @Test
  void backdatedRowsAndAJobThatNeverRanAreOverdueByObservation() throws SQLException {
    String yaml =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records, namespace: %s}
        spec:
          storeRef: {name: db}
          schedule: "7 * * * *"
          safety: {legalHold: {sqlColumn: legal_hold}}
          rules:
          - name: records
            dataCategory: monitoring
            table: {name: %s, key: id, timestampColumn: created_at}
            retention: 30d
        """
            .formatted(namespace, table);
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).serverSideApply();

    RetentionPolicy overdue =
        Eventually.await(
            "Compliant=False/DeletionOverdue from observation",
            TIMEOUT,
            () -> get("records"),
            p ->
                condition(p)
                    .filter(
                        c ->
                            "False".equals(c.getStatus())
                                && "DeletionOverdue".equals(c.getReason()))
                    .isPresent());
    Condition compliant = condition(overdue).orElseThrow();
    assertThat(compliant.getMessage())
        .contains("rule records: oldest rows in " + database + "." + table)
        .contains("past 30d1h")
        .contains("observed in the store")
        .doesNotContain("no successful run");
    RuleStatus rule = overdue.getStatus().rules.get(0);
    assertThat(rule.lastRun)
        .as("no run ever happened: nothing from the job's bookkeeping")
        .isNull();
    ObservedOldest rows = rule.oldest.get(0);
    assertThat(rows.where).isEqualTo(database + "." + table);
    assertThat(rows.overdue).isTrue();
    assertThat(rows.ageSeconds)
        .isBetween(40 * 86_400L - 60, 40 * 86_400L + 60); // the held 90-day row left out
    assertThat(overdue.getStatus().oldestAge).startsWith("40d");
    assertThat(rule.copies).startsWith("live 30d1h; binlog none (log_bin=OFF)");
    assertThat(ruleGauge("ekyc.data.oldest.age.seconds"))
        .isBetween(40 * 86_400.0 - 60, 40 * 86_400.0 + 60);
    assertThat(ruleGauge("ekyc.deletion.overdue.seconds")).isGreaterThan(9 * 86_400.0);
    Eventually.await(
        "a DeletionOverdue Warning event naming the table",
        TIMEOUT,
        ObservedOverdueIT::overdueEvents,
        messages -> messages.stream().anyMatch(m -> m.contains(database + "." + table)));

    // The rows go (as a run would delete them): Compliant again at the next drift interval.
    execute("DELETE FROM `" + database + "`.`" + table + "` WHERE id = 1");
    RetentionPolicy fixed =
        Eventually.await(
            "Compliant=True once the store holds nothing overdue",
            TIMEOUT,
            () -> get("records"),
            p -> condition(p).filter(c -> "True".equals(c.getStatus())).isPresent());
    assertThat(fixed.getStatus().rules.get(0).oldest.get(0).ageSeconds).isBetween(3_500L, 3_700L);
    assertThat(ruleGauge("ekyc.deletion.overdue.seconds")).isZero();
  }

  private static RetentionPolicy get(String name) {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName(name).get();
  }

  private static Optional<Condition> condition(RetentionPolicy p) {
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : Conditions.find(p.getStatus().conditions, Conditions.COMPLIANT);
  }

  private static List<String> overdueEvents() {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(
            e ->
                "DeletionOverdue".equals(e.getReason())
                    && "records".equals(e.getInvolvedObject().getName()))
        .map(e -> e.getMessage())
        .toList();
  }

  private static double ruleGauge(String name) {
    var g =
        registry
            .find(name)
            .tag("namespace", namespace)
            .tag("policy", "records")
            .tag("rule", "records")
            .gauge();
    return g == null ? -1 : g.value();
  }

  private static void execute(String sql) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute(sql);
    }
  }
}
