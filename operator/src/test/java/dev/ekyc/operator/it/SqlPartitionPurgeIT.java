package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.sql.SqlPurgeEngine;
import dev.ekyc.operator.sql.SqlPurgeException;
import dev.ekyc.operator.sql.SqlPurgeOptions;
import dev.ekyc.operator.sql.SqlPurgeResult;
import dev.ekyc.operator.sql.SqlRuleFixtures;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dropping whole partitions of a table RANGE-partitioned by the timestamp, against the real
 * MariaDB, with each old partition built to hold one kind of row that must be kept: a NULL
 * timestamp (MariaDB puts it in the lowest partition), a legal hold, a consented row within its
 * consented retention. Only partitions in which every row is due may go; the rest, and the
 * partition straddling the cutoff, are purged row by row. Retention is 30 days; ages are whole days
 * from the server's clock, far from every bound and cutoff.
 */
class SqlPartitionPurgeIT {
  private static Connection connection;
  private static String url;
  private static String database;

  @BeforeAll
  static void connect() throws SQLException {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    url = "jdbc:mariadb://" + Backends.require("EKYC_IT_MARIADB_HOST") + ":" + port + "/";
    connection =
        DriverManager.getConnection(
            url,
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    database = "ekyc_partpurge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE `" + database + "`");
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (connection != null) {
      if (database != null) {
        execute("DROP DATABASE IF EXISTS `" + database + "`");
      }
      connection.close();
    }
  }

  // Partitions (upper bounds, days before today): p0 < 100 (also NULL timestamps), p1 < 80, p2 <
  // 60, p3 < 40,
  // p4 < 20 (straddles the 30-day cutoff), pmax.
  private static final Set<Long> NULL_TIMESTAMP = Set.of(11L);
  private static final Set<Long> HELD = Set.of(205L);
  private static final Set<Long> YOUNG =
      Set.of(406L, 407L, 408L, 409L, 410L, 501L, 502L, 503L, 504L, 505L);
  private static final long DUE = 10 + 10 + 9 + 10 + 5;

  /** The rows of every test: which partition each lands in is in the comment. */
  private static void seed(String table) throws SQLException {
    for (long id = 1; id <= 10; id++) {
      insert(table, id, 150, null, false); // p0, due
    }
    insert(table, 11, null, null, false); // p0: NULL timestamp, kept
    for (long id = 101; id <= 110; id++) {
      insert(table, id, 90, null, false); // p1, all due
    }
    for (long id = 201; id <= 210; id++) {
      insert(table, id, 70, id == 205 ? Boolean.TRUE : null, false); // p2: 205 held
    }
    for (long id = 301; id <= 310; id++) {
      insert(
          table,
          id,
          50,
          id == 301 ? null : Boolean.FALSE,
          false); // p3, all due (NULL hold is no hold)
    }
    for (long id = 401; id <= 410; id++) {
      insert(table, id, id <= 405 ? 35 : 25, null, false); // p4: straddles the cutoff
    }
    for (long id = 501; id <= 505; id++) {
      insert(table, id, 1, null, false); // pmax
    }
  }

  private static Set<Long> survivorsWithoutConsent() {
    Set<Long> kept = new TreeSet<>(NULL_TIMESTAMP);
    kept.addAll(HELD);
    kept.addAll(YOUNG);
    return kept;
  }

  @Test
  void oldPartitionsInWhichEveryRowIsDueAreDroppedAndEveryRowThatMustBeKeptSurvives()
      throws SQLException {
    String table = partitionedTable();
    seed(table);

    SqlPurgeResult result = engine(false).run(SqlRuleFixtures.purge(table, null, 3, 1000), null);

    assertThat(ids(table)).containsExactlyElementsOf(survivorsWithoutConsent());
    assertThat(partitions(table)).containsExactly("p0", "p2", "p4", "pmax");
    assertThat(result.partitionsDropped()).isEqualTo(2);
    assertThat(result.deleted()).isEqualTo(DUE);
    assertThat(result.heldSkipped()).isEqualTo(1);
    assertThat(result.nullTimestamp()).isEqualTo(1);
    assertThat(result.capReached()).isFalse();
    assertThat(result.batches()).as("the rest went row by row, batch size 3").isGreaterThan(3);

    SqlPurgeResult again = engine(false).run(SqlRuleFixtures.purge(table, null, 3, 1000), null);
    assertThat(again.deleted()).isZero();
    assertThat(again.partitionsDropped()).isZero();
    assertThat(ids(table)).containsExactlyElementsOf(survivorsWithoutConsent());
  }

  @Test
  void aDryRunNamesThePartitionsItWouldDropAndChangesNothing() throws SQLException {
    String table = partitionedTable();
    seed(table);
    Map<Long, List<Object>> before = rows(table);

    SqlPurgeResult result = engine(true).run(SqlRuleFixtures.purge(table, null, 3, 1000), null);

    assertThat(rows(table)).isEqualTo(before);
    assertThat(partitions(table)).containsExactly("p0", "p1", "p2", "p3", "p4", "pmax");
    assertThat(result.partitionsDropped()).isEqualTo(2);
    assertThat(result.deleted()).isEqualTo(DUE);
    assertThat(result.batches()).isZero();
  }

  @Test
  void aConsentedRowWithinItsRetentionKeepsItsPartitionAndErasureStillRunsFirst()
      throws SQLException {
    String table = partitionedTable();
    seed(table);
    execute("UPDATE `" + database + "`.`" + table + "` SET consent_granted = TRUE WHERE id = 103");

    SqlPurgeResult result =
        engine(false)
            .run(
                SqlRuleFixtures.purge(table, SqlRuleFixtures.consent(true), 3, 1000),
                SqlRuleFixtures.erasure(table, SqlRuleFixtures.consent(false), 4));

    Set<Long> expected = survivorsWithoutConsent();
    expected.add(103L);
    assertThat(ids(table)).containsExactlyElementsOf(expected);
    assertThat(partitions(table))
        .as("p1 holds the consented row")
        .containsExactly("p0", "p1", "p2", "p4", "pmax");
    assertThat(result.partitionsDropped()).isEqualTo(1);
    assertThat(result.deleted()).isEqualTo(DUE - 1);
    Map<Long, List<Object>> after = rows(table);
    assertThat(after.get(103L)).as("consented: not erased").contains("ID103", "F103");
    assertThat(after.get(205L)).as("held: not erased").contains("ID205", "F205");
    for (long young : YOUNG) {
      assertThat(after.get(young).subList(8, 10))
          .as(
              "row %d: older than eraseAfter, no consent: id_number and" + " face_vector erased",
              young)
          .containsOnlyNulls();
    }
  }

  @Test
  void aPartitionLargerThanWhatTheCapLeavesIsPurgedRowByRowAndTheCapHolds() throws SQLException {
    String table = partitionedTable();
    seed(table);

    SqlPurgeResult capped = engine(false).run(SqlRuleFixtures.purge(table, null, 3, 12), null);

    assertThat(capped.deleted()).isEqualTo(12);
    assertThat(capped.capReached()).isTrue();
    assertThat(capped.backlogRemains()).isTrue();
    assertThat(capped.partitionsDropped())
        .as("p1 (10 rows) fits, p3 (10 more) does not")
        .isEqualTo(1);
    assertThat(partitions(table)).contains("p3").doesNotContain("p1");
    assertThat(ids(table)).hasSize(56 - 12).containsAll(survivorsWithoutConsent());

    SqlPurgeResult rest = engine(false).run(SqlRuleFixtures.purge(table, null, 3, 1000), null);
    assertThat(rest.deleted()).isEqualTo(DUE - 12);
    assertThat(ids(table)).containsExactlyElementsOf(survivorsWithoutConsent());
  }

  @Test
  void whileAnotherTransactionUsesTheTableNothingIsDroppedAndTheRowsGoOneBatchAtATime()
      throws Exception {
    String table = partitionedTable();
    seed(table);
    try (Connection application =
        DriverManager.getConnection(
            url,
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"))) {
      application.setAutoCommit(false);
      try (Statement statement = application.createStatement();
          ResultSet rs =
              statement.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`")) {
        rs.next(); // an open transaction that read the table: its metadata lock stays until it ends
      }
      SqlPurgeResult result = engine(false).run(SqlRuleFixtures.purge(table, null, 3, 1000), null);
      assertThat(result.partitionsDropped()).isZero();
      assertThat(result.deleted()).isEqualTo(DUE);
      application.commit();
    }
    assertThat(ids(table)).containsExactlyElementsOf(survivorsWithoutConsent());
    assertThat(partitions(table)).containsExactly("p0", "p1", "p2", "p3", "p4", "pmax");
  }

  @Test
  void toDaysPartitionsWithTheTimestampInThePrimaryKeyAreDroppedToo() throws SQLException {
    String table = "parts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT NOT NULL, created_at DATETIME NOT NULL,"
            + " legal_hold BOOLEAN NULL, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (TO_DAYS(created_at))"
            + " (PARTITION old VALUES LESS THAN (TO_DAYS('"
            + daysAgo(60)
            + "')),"
            + " PARTITION recent VALUES LESS THAN MAXVALUE)");
    String insert =
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES (?, UTC_TIMESTAMP() - INTERVAL ? DAY, NULL)";
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      for (long id = 1; id <= 30; id++) {
        statement.setLong(1, id);
        statement.setLong(2, id <= 10 ? 70 : id <= 20 ? 40 : 10);
        statement.addBatch();
      }
      statement.executeBatch();
    }
    SqlPurgeResult result = engine(false).run(SqlRuleFixtures.purge(table, null, 4, 1000), null);
    assertThat(result.partitionsDropped()).isEqualTo(1);
    assertThat(result.deleted()).isEqualTo(20);
    assertThat(ids(table))
        .containsExactlyElementsOf(LongStream.rangeClosed(21, 30).boxed().toList());
    assertThat(partitions(table)).containsExactly("recent");
  }

  @Test
  void withoutPartitionsAKeyThatOnlyLeadsAUniqueIndexIsStillRefused() throws SQLException {
    String table = "plain_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT NOT NULL, created_at DATETIME NOT NULL,"
            + " legal_hold BOOLEAN NULL, PRIMARY KEY (id, created_at))");
    execute(
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES (1, UTC_TIMESTAMP() - INTERVAL 400 DAY, NULL)");
    assertThatThrownBy(() -> engine(false).run(SqlRuleFixtures.purge(table, null, 3, 10), null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("neither the primary key nor alone");
    assertThat(ids(table)).containsExactly(1L);
  }

  /**
   * The job's connection dies (KILL CONNECTION: what the server sees when the job is killed with
   * -9) while it locks the table, checks a partition under the lock, drops it, or deletes rows:
   * every row that must be kept is still there, the table is not left locked, and a rerun ends
   * exactly where an uninterrupted run does.
   */
  @Test
  void aRunKilledWhileLockingCheckingDroppingOrDeletingLosesNothingThatMustBeKeptAndARerunFinishes()
      throws Exception {
    List<String> stages =
        List.of(
            "LOCK TABLES%",
            "SELECT COUNT(*), COUNT(CASE%", "ALTER TABLE%DROP PARTITION%", "DELETE FROM%");
    List<String> killed = new ArrayList<>();
    for (String stage : stages) {
      for (int attempt = 0; attempt < 3; attempt++) {
        String table = partitionedTable();
        seed(table);
        // 10,000 more due rows in p1 make its check and drop long enough to be caught.
        execute(
            "INSERT INTO `"
                + database
                + "`.`"
                + table
                + "` (id, created_at, consent_granted)"
                + " SELECT 100000 + seq, UTC_TIMESTAMP(6) - INTERVAL 90 DAY, FALSE FROM `"
                + database
                + "`.seq_1_to_10000");
        boolean caught = runAndKillAt(table, stage);
        assertThat(ids(table))
            .as("after a kill at %s", stage)
            .containsAll(survivorsWithoutConsent());
        SqlPurgeResult rerun =
            engine(false).run(SqlRuleFixtures.purge(table, null, 3, 100_000), null);
        assertThat(rerun.capReached()).isFalse();
        assertThat(ids(table))
            .as("after the rerun (killed at %s)", stage)
            .containsExactlyElementsOf(survivorsWithoutConsent());
        assertThat(partitions(table)).doesNotContain("p1", "p3");
        execute("DROP TABLE `" + database + "`.`" + table + "`");
        if (caught) {
          killed.add(stage);
          break;
        }
      }
    }
    assertThat(killed)
        .as("stages at which a run was killed mid-way, of %s", stages)
        .hasSizeGreaterThanOrEqualTo(2);
  }

  /**
   * Runs the engine on its own connection and kills that connection once it runs a statement like
   * the pattern.
   */
  private static boolean runAndKillAt(String table, String statementPattern) throws Exception {
    try (Connection victim =
        DriverManager.getConnection(
            url,
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"))) {
      long victimId;
      try (Statement statement = victim.createStatement();
          ResultSet rs = statement.executeQuery("SELECT CONNECTION_ID()")) {
        rs.next();
        victimId = rs.getLong(1);
      }
      var run =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  new SqlPurgeEngine(victim, database, new SqlPurgeOptions(false, 2))
                      .run(SqlRuleFixtures.purge(table, null, 3, 100_000), null);
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
      boolean caught = false;
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      try (PreparedStatement running =
          connection.prepareStatement(
              "SELECT COUNT(*) FROM"
                  + " information_schema.PROCESSLIST WHERE ID = ? AND INFO LIKE ?")) {
        running.setLong(1, victimId);
        running.setString(2, statementPattern);
        // Polls as fast as it can, bounded: the statement may last only milliseconds.
        while (!run.isDone() && System.nanoTime() < deadline) {
          try (ResultSet rs = running.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              execute("KILL CONNECTION " + victimId);
              caught = true;
              break;
            }
          }
        }
      }
      try {
        run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        return false; // finished before the kill landed (it may have been its last statement): not
        // a kill
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(caught).as("the run failed without being killed: %s", e.getCause()).isTrue();
        return true;
      }
    }
  }

  // --- helpers
  // ---------------------------------------------------------------------------------------------

  private static SqlPurgeEngine engine(boolean dryRun) {
    return new SqlPurgeEngine(connection, database, new SqlPurgeOptions(dryRun, 2));
  }

  /**
   * The IT table's columns, partitioned by created_at; the unique key must include it, so (id,
   * created_at).
   */
  private static String partitionedTable() throws SQLException {
    String table = "parts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT NOT NULL, created_at DATETIME(6) NULL,"
            + " consent_granted BOOLEAN NULL, consent_withdrawn_at DATETIME(6) NULL, birth_date DATE NULL,"
            + " jurisdiction CHAR(2) NULL, parental_consent BOOLEAN NULL, legal_hold BOOLEAN NULL,"
            + " id_number VARCHAR(32) NULL, face_vector VARCHAR(32) NULL, UNIQUE KEY (id, created_at),"
            + " KEY (created_at)) PARTITION BY RANGE COLUMNS(created_at) ("
            + " PARTITION p0 VALUES LESS THAN ('"
            + daysAgo(100)
            + "'),"
            + " PARTITION p1 VALUES LESS THAN ('"
            + daysAgo(80)
            + "'),"
            + " PARTITION p2 VALUES LESS THAN ('"
            + daysAgo(60)
            + "'),"
            + " PARTITION p3 VALUES LESS THAN ('"
            + daysAgo(40)
            + "'),"
            + " PARTITION p4 VALUES LESS THAN ('"
            + daysAgo(20)
            + "'),"
            + " PARTITION pmax VALUES LESS THAN (MAXVALUE))");
    return table;
  }

  private static String daysAgo(int days) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT UTC_DATE() - INTERVAL " + days + " DAY")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void insert(String table, long id, Integer ageDays, Boolean hold, boolean granted)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO `"
                + database
                + "`.`"
                + table
                + "` (id, created_at, consent_granted, birth_date, jurisdiction, legal_hold, id_number, face_vector)"
                + " VALUES (?, UTC_TIMESTAMP(6) - INTERVAL ? DAY, ?, UTC_DATE() - INTERVAL 30 YEAR, 'SG', ?, ?, ?)")) {
      statement.setLong(1, id);
      statement.setObject(2, ageDays);
      statement.setBoolean(3, granted);
      statement.setObject(4, hold);
      statement.setString(5, "ID" + id);
      statement.setString(6, "F" + id);
      statement.executeUpdate();
    }
  }

  private static Set<Long> ids(String table) throws SQLException {
    return new TreeSet<>(rows(table).keySet());
  }

  /** Every row as its column values, by id. */
  private static Map<Long, List<Object>> rows(String table) throws SQLException {
    Map<Long, List<Object>> rows = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT * FROM `" + database + "`.`" + table + "` ORDER BY id")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getObject(i));
        }
        rows.put(rs.getLong(1), values);
      }
    }
    return rows;
  }

  private static List<String> partitions(String table) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT PARTITION_NAME FROM"
                + " information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY PARTITION_ORDINAL_POSITION")) {
      statement.setString(1, database);
      statement.setString(2, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
