package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.LegalBasis;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.Promises;
import dev.ekyc.operator.policy.ResidualCheck;
import dev.ekyc.operator.policy.ResidualCopy;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.sql.OldestRows;
import dev.ekyc.operator.sql.SqlPurgeEngine;
import dev.ekyc.operator.sql.SqlPurgeException;
import dev.ekyc.operator.sql.SqlPurgeOptions;
import dev.ekyc.operator.sql.SqlResiduals;
import dev.ekyc.operator.sql.SqlRuleFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the tables and the binary log really hold, on the testenv's second MariaDB (binary log on:
 * row-based, FULL images, 7-day expiry) and, for "no binary log", on the first: the oldest rows a
 * rule does not keep (consented and held rows left out, withdrawn consent judged from its
 * withdrawal), the binary log and open transactions as residual copies held against a promise, our
 * own erasure and purge writing no erased value into the binary log (read back with {@code
 * mariadb-binlog -v}; and, to show the check can fail, a session without BINLOG ADMIN that does),
 * and the schema features that keep deleted values refused before anything is written.
 */
@Timeout(120)
class SqlObservedAgeIT {
  private static final String SECRET = "S7730001Z-ERASE-ME";
  private static final long DAY = 86_400;

  private static Connection admin;
  private static String database;
  private static String user;
  private static String password;
  private static int port;

  @BeforeAll
  static void connect() throws SQLException {
    port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_BINLOG_PORT");
    admin =
        DriverManager.getConnection(
            url(port),
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    database = "ekyc_observed_" + suffix;
    user = "ekyc_app_" + suffix;
    password = "pw-" + suffix;
    execute(admin, "CREATE DATABASE `" + database + "`");
    // An application user as a DataStore usually has: all on its database, nothing server-wide.
    execute(admin, "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
    execute(admin, "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + user + "'@'%'");
  }

  @AfterAll
  static void drop() throws SQLException {
    if (admin != null) {
      execute(admin, "DROP DATABASE IF EXISTS `" + database + "`");
      execute(admin, "DROP USER IF EXISTS '" + user + "'@'%'");
      admin.close();
    }
  }

  private static String url(int port) {
    return "jdbc:mariadb://" + Backends.require("EKYC_IT_MARIADB_HOST") + ":" + port + "/";
  }

  @Test
  void oldestAgesLeaveOutConsentedAndHeldRowsAndJudgeWithdrawalFromItsTime() throws SQLException {
    String table = createTable("observed");
    insert(
        table, 1, 40 * DAY, false, null, false); // not consented: 40 days old, id number still set
    insert(table, 2, 60 * DAY, true, null, false); // consented adult: kept by consent (730 days)
    insert(table, 3, 90 * DAY, false, null, true); // held
    insert(
        table, 4, 10 * DAY, true, 5 * 3600L,
        false); // consent withdrawn 5 h ago, id number still set
    insert(table, 5, 600, false, null, false); // young

    var consent = SqlRuleFixtures.consent(true);
    List<ObservedAge> observed =
        new OldestRows(admin, database)
            .observe(
                SqlRuleFixtures.purge(table, consent, 100, 1000),
                    SqlRuleFixtures.erasure(table, consent, 100),
                Duration.ofDays(30).plusMinutes(15), Duration.ofHours(2).plusMinutes(15));

    assertThat(observed)
        .extracting(ObservedAge::what)
        .containsExactly("rows", "sensitive values", "rows with withdrawn consent (since due)");
    // Read independently: the server's own age of row 1 (the oldest neither consented nor held).
    long row1 =
        scalar(
            admin,
            "SELECT TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP(6)) FROM `"
                + database
                + "`.`"
                + table
                + "` WHERE id = 1");
    assertThat(observed.get(0).ageSeconds()).isBetween(row1 - 5, row1 + 5);
    assertThat(observed.get(0).where()).isEqualTo(database + "." + table);
    assertThat(observed.get(0).overdue()).isTrue();
    assertThat(observed.get(1).ageSeconds()).isBetween(row1 - 5, row1 + 5);
    assertThat(observed.get(2).ageSeconds()).isBetween(5 * 3600L - 5, 5 * 3600L + 60);
    assertThat(observed.get(2).bound()).isEqualTo(Duration.ofHours(72));
    assertThat(observed.get(2).overdue()).isFalse();

    // Once the purge job has run, what is left is within the bounds: row 1 deleted, row 4 erased.
    new SqlPurgeEngine(admin, database, new SqlPurgeOptions(false, 10))
        .run(
            SqlRuleFixtures.purge(table, consent, 100, 1000),
            SqlRuleFixtures.erasure(table, consent, 100));
    List<ObservedAge> after =
        new OldestRows(admin, database)
            .observe(
                SqlRuleFixtures.purge(table, consent, 100, 1000),
                    SqlRuleFixtures.erasure(table, consent, 100),
                Duration.ofDays(30).plusMinutes(15), Duration.ofHours(2).plusMinutes(15));
    assertThat(after).noneMatch(ObservedAge::overdue);
    assertThat(after.get(0).ageSeconds())
        .isBetween(540L, 700L); // row 5 (row 4, withdrawn, is judged apart)
    assertThat(after.get(1).ageSeconds()).isBetween(540L, 700L); // row 5's id number
    assertThat(after.get(2).ageSeconds()).isZero(); // row 4: erased, its row not due for 30 days
  }

  @Test
  void ourErasureAndPurgeWriteNoErasedValueIntoTheBinaryLog() throws Exception {
    String table = createTable("binlog");
    insert(
        table, 1, 3 * 3600L, false, null, false); // sensitive values due (2 h), row kept (30 days)
    insert(table, 2, 40 * DAY, false, null, false); // row due
    Position before = position();
    var consent = SqlRuleFixtures.consent(true);
    var result =
        new SqlPurgeEngine(admin, database, new SqlPurgeOptions(false, 10))
            .run(
                SqlRuleFixtures.purge(table, consent, 100, 1000),
                SqlRuleFixtures.erasure(table, consent, 100));
    assertThat(result.erased()).isEqualTo(2);
    assertThat(result.deleted()).isEqualTo(1);
    String ours = binlogSince(before);
    assertThat(ours)
        .contains("### UPDATE `" + database + "`.`" + table + "`")
        .contains("### DELETE FROM `" + database + "`.`" + table + "`")
        .doesNotContain(SECRET);

    // The same run by a user who may not set the row image: FULL before-images carry the erased
    // value.
    String other = createTable("binlogfull");
    insert(other, 1, 3 * 3600L, false, null, false);
    Position again = position();
    try (Connection app = DriverManager.getConnection(url(port), user, password)) {
      new SqlPurgeEngine(app, database, new SqlPurgeOptions(false, 10))
          .run(
              SqlRuleFixtures.purge(other, consent, 100, 1000),
              SqlRuleFixtures.erasure(other, consent, 100));
    }
    assertThat(binlogSince(again))
        .contains("### UPDATE `" + database + "`.`" + other + "`")
        .contains(SECRET);
  }

  @Test
  void binaryLogAndOpenTransactionsAreResidualsHeldAgainstThePromise() throws SQLException {
    List<ResidualCopy> privileged = new SqlResiduals(admin).read();
    ResidualCopy binlog = privileged.get(0);
    assertThat(binlog.state()).isEqualTo(ResidualCopy.State.READ);
    assertThat(binlog.bound()).isEqualTo(Duration.ofDays(7));
    assertThat(binlog.text()).isEqualTo("binlog ≤ 7d (binlog_expire_logs_seconds=604800)");
    assertThat(binlog.note()).contains("format ROW, row image FULL").contains("oldest binlog.");

    RulePlan rule =
        ruleWithPromises(
            new Promises(
                Duration.ofDays(30).plusMinutes(15), null, Duration.ofHours(2), null, null));
    List<ResidualCheck.Verdict> refused = ResidualCheck.check(rule, List.of(binlog), Set.of());
    assertThat(refused)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.breaks()).isTrue();
              assertThat(v.promiseField()).isEqualTo("sensitive.withoutConsent.deleteWithin");
              assertThat(v.message()).contains("binlog ≤ 7d").contains("promise 2h");
              assertThat(v.fix())
                  .contains("binlog_expire_logs_seconds")
                  .contains("keep the value out of this database");
            });
    assertThat(ResidualCheck.check(rule, List.of(binlog), Set.of("binlog")))
        .singleElement()
        .satisfies(v -> assertThat(v.accepted()).isTrue());

    // The application user cannot list the files nor see transactions: said, never read as absent.
    try (Connection app = DriverManager.getConnection(url(port), user, password)) {
      List<ResidualCopy> plain = new SqlResiduals(app).read();
      assertThat(plain.get(0).bound()).isEqualTo(Duration.ofDays(7));
      assertThat(plain.get(0).note()).contains("SHOW BINARY LOGS not permitted");
      assertThat(plain.get(1).state()).isEqualTo(ResidualCopy.State.UNKNOWN);
      assertThat(ResidualCheck.check(rule, plain.subList(1, 2), Set.of()))
          .singleElement()
          .satisfies(v -> assertThat(v.breaks()).isTrue()); // unknown, promise under a day
    }
    // An open REPEATABLE READ transaction is seen by a user with PROCESS.
    String table = createTable("trx");
    try (Connection reader = DriverManager.getConnection(url(port), user, password)) {
      reader.setAutoCommit(false);
      try (Statement s = reader.createStatement()) {
        // A snapshot taken now, as a long report or a stuck application session holds one: InnoDB
        // lists the
        // transaction from here on (a lone SELECT on an empty table need not start one).
        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        s.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`").close();
      }
      // INNODB_TRX is a cache the server refreshes at most every 0.1 s, and this method read it a
      // moment ago.
      ResidualCopy open =
          Eventually.await(
              "the open transaction in INNODB_TRX",
              Duration.ofSeconds(10),
              () -> new SqlResiduals(admin).openTransaction(),
              c -> c.state() == ResidualCopy.State.READ);
      assertThat(open.note()).contains("open, the oldest for");
      reader.rollback();
    }

    // The first testenv MariaDB has no binary log: no such copy, nothing refused.
    int plainPort = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    try (Connection noLog =
        DriverManager.getConnection(
            url(plainPort),
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"))) {
      ResidualCopy none = new SqlResiduals(noLog).binlog().residual();
      assertThat(none.state()).isEqualTo(ResidualCopy.State.ABSENT);
      assertThat(ResidualCheck.check(rule, List.of(none), Set.of())).isEmpty();
    }
  }

  @Test
  void schemaFeaturesThatKeepDeletedValuesAreRefusedBeforeAnythingIsWritten() throws SQLException {
    var consent = SqlRuleFixtures.consent(true);
    String versioned = createTable("versioned");
    insert(versioned, 1, 40 * DAY, false, null, false);
    execute(admin, "ALTER TABLE `" + database + "`.`" + versioned + "` ADD SYSTEM VERSIONING");
    assertRefused(versioned, consent, "is system-versioned", "DROP SYSTEM VERSIONING");

    String triggered = createTable("triggered");
    insert(triggered, 1, 40 * DAY, false, null, false);
    execute(admin, "CREATE TABLE `" + database + "`.`audit_copy` (v VARCHAR(64))");
    execute(
        admin,
        "CREATE TRIGGER `"
            + database
            + "`.`keep_old` BEFORE UPDATE ON `"
            + database
            + "`.`"
            + triggered
            + "` FOR EACH ROW INSERT INTO `"
            + database
            + "`.`audit_copy` VALUES (OLD.id_number)");
    assertRefused(triggered, consent, "trigger(s) keep_old on UPDATE or DELETE", "drop them");

    String indexed = createTable("fulltext");
    insert(indexed, 1, 40 * DAY, false, null, false);
    execute(
        admin,
        "ALTER TABLE `" + database + "`.`" + indexed + "` ADD FULLTEXT INDEX ft_id (id_number)");
    assertRefused(indexed, consent, "id_number", "FULLTEXT index");
  }

  private void assertRefused(
      String table, dev.ekyc.operator.policy.SqlConsent consent, String... words)
      throws SQLException {
    assertThatThrownBy(
            () ->
                new SqlPurgeEngine(admin, database, new SqlPurgeOptions(false, 10))
                    .run(
                        SqlRuleFixtures.purge(table, consent, 100, 1000),
                        SqlRuleFixtures.erasure(table, consent, 100)))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContainingAll(words)
        .hasMessageContaining("nothing was deleted");
    assertThat(
            scalar(
                admin,
                "SELECT COUNT(*) FROM `"
                    + database
                    + "`.`"
                    + table
                    + "` WHERE id_number = '"
                    + SECRET
                    + "'"))
        .isEqualTo(1);
  }

  private static RulePlan ruleWithPromises(Promises promises) {
    return new RulePlan(
        "identification",
        "identification",
        "model improvement",
        LegalBasis.Consent,
        "table",
        Duration.ofDays(30),
        List.of(),
        Duration.ofDays(30).plusMinutes(15),
        null,
        Duration.ofHours(2).plusMinutes(15),
        "",
        promises);
  }

  private record Position(String file, long offset) {}

  private static Position position() throws SQLException {
    try (Statement s = admin.createStatement();
        ResultSet rows = s.executeQuery("SHOW MASTER STATUS")) {
      rows.next();
      return new Position(rows.getString(1), rows.getLong(2));
    }
  }

  /**
   * Our events, decoded by the server's own tool over the replication protocol (no file access
   * needed).
   */
  private static String binlogSince(Position from) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "mariadb-binlog",
                "--no-defaults",
                "--read-from-remote-server",
                "--host=" + Backends.require("EKYC_IT_MARIADB_HOST"),
                "--port=" + port,
                "--user=" + Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
                "--password=" + Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"),
                "--start-position=" + from.offset(),
                "--to-last-log",
                "-v",
                "--base64-output=DECODE-ROWS",
                from.file())
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  private String createTable(String prefix) throws SQLException {
    String table = prefix + "_" + UUID.randomUUID().toString().substring(0, 6);
    execute(
        admin,
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT PRIMARY KEY, created_at DATETIME(6),"
            + " id_number VARCHAR(64), face_vector VARCHAR(64), consent_granted BOOLEAN NOT NULL DEFAULT FALSE,"
            + " consent_withdrawn_at DATETIME(6), birth_date DATE, jurisdiction CHAR(2), parental_consent BOOLEAN,"
            + " legal_hold BOOLEAN, INDEX by_created (created_at))");
    return table;
  }

  private void insert(
      String table,
      long id,
      long ageSeconds,
      boolean granted,
      Long withdrawnSecondsAgo,
      boolean hold)
      throws SQLException {
    execute(
        admin,
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES ("
            + id
            + ", UTC_TIMESTAMP(6) - INTERVAL "
            + ageSeconds
            + " SECOND, '"
            + SECRET
            + "', 'face-"
            + id
            + "', "
            + granted
            + ", "
            + (withdrawnSecondsAgo == null
                ? "NULL"
                : "UTC_TIMESTAMP(6) - INTERVAL " + withdrawnSecondsAgo + " SECOND")
            + ", '1980-01-01', 'SG', NULL, "
            + hold
            + ")");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private static long scalar(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
