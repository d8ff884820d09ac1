package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.SqlConsent;
import dev.ekyc.operator.policy.TablePurge;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SQL purge engine against the real MariaDB, with data built to make it delete what it must
 * keep. Runs in its own uniquely named database (dropped afterwards), so a table may be called
 * {@code order}. Timestamps are computed from the server's clock in the INSERT; rows sit {@link
 * #MARGIN_S} seconds either side of each cutoff, and each test checks that less than that passed
 * between inserting and the run.
 */
class SqlPurgeIT {
  private static final long MARGIN_S = 20;
  private static final long ERASE_S = SqlRuleFixtures.ERASE_AFTER.toSeconds();
  private static final long RETENTION_S = SqlRuleFixtures.RETENTION.toSeconds();
  private static final long CONSENTED_S = SqlRuleFixtures.CONSENTED_RETENTION.toSeconds();

  private static Connection connection;
  private static String url;
  private static String database;

  @BeforeAll
  static void connect() throws SQLException {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String host = Backends.require("EKYC_IT_MARIADB_HOST");
    url = "jdbc:mariadb://" + host + ":" + port + "/";
    connection =
        DriverManager.getConnection(
            url,
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    database = "ekyc_sqlpurge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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

  /**
   * One seeded row: age in seconds (null: NULL timestamp); birth as years and days before the row's
   * date.
   */
  record Seed(
      long id,
      Long ageSeconds,
      Boolean granted,
      boolean withdrawn,
      Integer birthYears,
      int birthDaysLess,
      String jurisdiction,
      Boolean parental,
      Boolean hold,
      String idNumber,
      String face) {

    static Seed plain(long id, Long age) {
      return new Seed(id, age, false, false, 30, 0, "SG", null, null, "ID" + id, "F" + id);
    }

    static Seed consented(long id, Long age) {
      return new Seed(id, age, true, false, 30, 0, "SG", null, null, "ID" + id, "F" + id);
    }

    Seed withConsent(Boolean grantedValue, boolean withdrawnValue) {
      return new Seed(
          id,
          ageSeconds,
          grantedValue,
          withdrawnValue,
          birthYears,
          birthDaysLess,
          jurisdiction,
          parental,
          hold,
          idNumber,
          face);
    }

    /**
     * Born {@code years} years (minus {@code daysLess} days) before the row's date, in a
     * jurisdiction.
     */
    Seed aged(Integer years, int daysLess, String jurisdictionValue, Boolean parentalValue) {
      return new Seed(
          id,
          ageSeconds,
          true,
          false,
          years,
          daysLess,
          jurisdictionValue,
          parentalValue,
          hold,
          idNumber,
          face);
    }

    Seed held(Boolean holdValue) {
      return new Seed(
          id,
          ageSeconds,
          granted,
          withdrawn,
          birthYears,
          birthDaysLess,
          jurisdiction,
          parental,
          holdValue,
          idNumber,
          face);
    }

    Seed sensitive(String idValue, String faceValue) {
      return new Seed(
          id,
          ageSeconds,
          granted,
          withdrawn,
          birthYears,
          birthDaysLess,
          jurisdiction,
          parental,
          hold,
          idValue,
          faceValue);
    }
  }

  /** A row as read back; the oracle works on these. */
  record Row(
      long id,
      LocalDateTime created,
      Boolean granted,
      LocalDateTime withdrawnAt,
      LocalDate birth,
      String jurisdiction,
      Boolean parental,
      Boolean hold,
      String idNumber,
      String face) {

    boolean sameExceptSensitive(Row other) {
      return id == other.id
          && Objects.equals(created, other.created)
          && Objects.equals(granted, other.granted)
          && Objects.equals(withdrawnAt, other.withdrawnAt)
          && Objects.equals(birth, other.birth)
          && Objects.equals(jurisdiction, other.jurisdiction)
          && Objects.equals(parental, other.parental)
          && Objects.equals(hold, other.hold);
    }
  }

  // --- adversarial fixed data
  // -----------------------------------------------------------------------------

  private static final long OLD = RETENTION_S + MARGIN_S;
  private static final long YOUNG = RETENTION_S - MARGIN_S;

  /**
   * Every row with the outcome a correct engine gives (erase: consent without parental; purge:
   * with).
   */
  private static List<Seed> adversarialRows() {
    return List.of(
        Seed.plain(10, OLD), // deleted
        Seed.plain(11, YOUNG), // erased only
        Seed.plain(12, ERASE_S + MARGIN_S), // erased
        Seed.plain(13, ERASE_S - MARGIN_S), // kept: not yet eraseAfter
        Seed.consented(14, OLD), // kept: consent
        Seed.consented(15, CONSENTED_S + MARGIN_S), // deleted: past consent retention
        Seed.consented(16, CONSENTED_S - MARGIN_S), // kept
        Seed.consented(17, OLD).withConsent(true, true), // deleted: withdrawn
        Seed.consented(18, ERASE_S + MARGIN_S).withConsent(true, true), // erased: withdrawn
        Seed.consented(19, OLD).withConsent(null, false), // deleted: granted NULL
        Seed.consented(20, ERASE_S + MARGIN_S).withConsent(null, false), // erased: granted NULL
        Seed.plain(21, OLD).aged(17, 0, "ZZ", true), // purge keeps (parental), erasure erases
        Seed.plain(22, OLD).aged(17, 0, "ZZ", false), // deleted: under age, no parent
        Seed.plain(23, OLD).aged(17, 0, "ZZ", null), // deleted: parental NULL
        Seed.plain(24, OLD).aged(null, 0, "SG", null), // deleted: NULL birth date
        Seed.plain(25, OLD).aged(null, 0, "SG", true), // purge keeps (parental), erased
        Seed.plain(26, ERASE_S + MARGIN_S).aged(19, 0, "TH", null), // erased: TH needs 20
        Seed.plain(27, OLD).aged(19, 0, "TH", null), // deleted: TH needs 20
        Seed.plain(28, OLD).aged(16, 0, "SG", null), // kept: 16th birthday that day, SG 16
        Seed.plain(29, OLD).aged(16, -1, "SG", null), // deleted: one day short of 16
        Seed.plain(30, OLD).aged(17, 0, null, null), // deleted: NULL jurisdiction, default 18
        Seed.plain(31, OLD).aged(18, 0, null, null), // kept
        Seed.plain(32, OLD).aged(18, 0, "ZZ", null), // kept: unknown jurisdiction, default 18
        Seed.plain(33, OLD).aged(20, 0, "TH", null), // kept
        Seed.plain(40, CONSENTED_S + MARGIN_S).held(true), // kept: held, not even erased
        Seed.plain(41, OLD).held(null), // deleted: NULL hold is not a hold
        Seed.plain(42, OLD).held(false), // deleted
        Seed.plain(43, ERASE_S + MARGIN_S).held(true), // kept: held
        Seed.plain(50, null), // kept: NULL timestamp
        Seed.consented(51, null).withConsent(false, true), // kept: NULL timestamp
        Seed.plain(60, ERASE_S + MARGIN_S).sensitive(null, null), // kept: already erased
        Seed.plain(1000, OLD), // deleted (key gap)
        Seed.plain(5003, ERASE_S + MARGIN_S).sensitive("X", null)); // erased (key gap)
  }

  private static final Set<Long> DELETED =
      Set.of(10L, 15L, 17L, 19L, 22L, 23L, 24L, 27L, 29L, 30L, 41L, 42L, 1000L);
  private static final Set<Long> ERASED_KEPT = Set.of(11L, 12L, 18L, 20L, 21L, 25L, 26L, 5003L);

  /**
   * Deleted rows that the erasure (which runs first) also erases: all but 15, whose consent covers
   * it.
   */
  private static final long ERASED_TOTAL = ERASED_KEPT.size() + DELETED.size() - 1;

  @Test
  void deletesAndErasesExactlyWhatThePlanPromisesOnAReservedWordTable() throws SQLException {
    String table = "order";
    createTable(table);
    LocalDateTime inserted = insert(table, adversarialRows());
    Map<Long, Row> before = read(table);

    SqlPurgeResult result = engine(false).run(purge(table, 3, 1000), erasure(table, 3));
    assertWithinMargin(inserted, result);

    Map<Long, Row> after = read(table);
    assertThat(after.keySet())
        .containsExactlyInAnyOrderElementsOf(
            before.keySet().stream().filter(id -> !DELETED.contains(id)).toList());
    for (Row row : after.values()) {
      Row old = before.get(row.id());
      assertThat(row.sameExceptSensitive(old))
          .as("row %d unchanged but for sensitive columns", row.id())
          .isTrue();
      if (ERASED_KEPT.contains(row.id())) {
        assertThat(row.idNumber()).as("row %d erased", row.id()).isNull();
        assertThat(row.face()).as("row %d erased", row.id()).isNull();
      } else {
        assertThat(row).as("row %d untouched", row.id()).isEqualTo(old);
      }
    }
    assertThat(result.deleted()).isEqualTo(DELETED.size());
    assertThat(result.erased()).isEqualTo(ERASED_TOTAL);
    assertThat(result.heldSkipped()).isEqualTo(2);
    assertThat(result.nullTimestamp()).isEqualTo(2);
    assertThat(result.capReached()).isFalse();
    assertThat(result.backlogRemains()).isFalse();
    assertThat(result.batches()).isGreaterThan(2); // batch size 3 < the rows to change
    assertThat(result.retentionCutoff())
        .isEqualTo(result.serverTime().minus(SqlRuleFixtures.RETENTION));

    SqlPurgeResult again = engine(false).run(purge(table, 3, 1000), erasure(table, 3));
    assertThat(again.deleted() + again.erased()).as("a second run finds nothing more").isZero();
    dropTable(table);
  }

  @Test
  void dryRunCountsTheSameAndChangesNothing() throws SQLException {
    String table = uniqueTable();
    createTable(table);
    LocalDateTime inserted = insert(table, adversarialRows());
    Map<Long, Row> before = read(table);

    SqlPurgeResult result = engine(true).run(purge(table, 3, 1000), erasure(table, 3));
    assertWithinMargin(inserted, result);

    assertThat(read(table)).isEqualTo(before);
    assertThat(result.dryRun()).isTrue();
    assertThat(result.deleted()).isEqualTo(DELETED.size());
    assertThat(result.erased()).isEqualTo(ERASED_TOTAL);
    assertThat(result.heldSkipped()).isEqualTo(2);
    assertThat(result.batches()).isZero();
    dropTable(table);
  }

  @Test
  void theCapCoversErasuresAndDeletionsTogetherAndIsNeverExceeded() throws SQLException {
    String table = uniqueTable();
    createTable(table);
    LocalDateTime inserted = insert(table, adversarialRows());
    long cap = ERASED_TOTAL + 2;

    SqlPurgeResult result = engine(false).run(purge(table, 3, cap), erasure(table, 3));
    assertWithinMargin(inserted, result);
    assertThat(result.erased()).isEqualTo(ERASED_TOTAL);
    assertThat(result.deleted()).isEqualTo(2);
    assertThat(result.capReached()).isTrue();
    assertThat(result.backlogRemains()).isTrue();
    assertThat(read(table)).hasSize(adversarialRows().size() - 2);

    SqlPurgeResult rest = engine(false).run(purge(table, 3, cap), erasure(table, 3));
    assertThat(rest.deleted()).isEqualTo(DELETED.size() - 2);
    assertThat(rest.capReached()).isFalse();
    dropTable(table);
  }

  @Test
  void aCapEqualToTheDueRowsDeletesThemAllAndReportsNoBacklog() throws SQLException {
    String table = uniqueTable();
    createTable(table);
    List<Seed> rows = new ArrayList<>();
    for (long id = 1; id <= 5; id++) {
      rows.add(Seed.plain(id * 7, OLD));
      rows.add(Seed.plain(id * 7 + 1, YOUNG));
    }
    insert(table, rows);

    SqlPurgeResult result = engine(false).run(purge(table, 2, 5), null);
    assertThat(result.deleted()).isEqualTo(5);
    assertThat(result.erased()).isZero();
    assertThat(result.capReached()).isTrue();
    assertThat(result.backlogRemains()).isFalse();
    assertThat(read(table)).hasSize(5).allSatisfy((id, row) -> assertThat(id % 7).isEqualTo(1));

    insert(table, List.of(Seed.plain(100, OLD), Seed.plain(101, OLD)));
    SqlPurgeResult capped = engine(false).run(purge(table, 2, 1), null);
    assertThat(capped.deleted()).isEqualTo(1);
    assertThat(capped.backlogRemains()).isTrue();
    assertThat(read(table)).hasSize(6).containsKey(101L);
    dropTable(table);
  }

  @Test
  void aRowThatGetsAHoldBetweenSelectAndDeleteIsKept() throws Exception {
    String table = uniqueTable();
    createTable(table);
    insert(
        table,
        List.of(Seed.plain(1, OLD), Seed.plain(2, OLD), Seed.plain(3, OLD), Seed.plain(4, OLD)));
    // Another session puts row 3 on hold but commits only later: the engine's SELECT (a non-locking
    // read) still
    // sees row 3 as due, and its DELETE waits for the row lock and must then see the hold.
    try (Connection other =
        DriverManager.getConnection(
            url,
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"))) {
      other.setAutoCommit(false);
      try (Statement statement = other.createStatement()) {
        statement.executeUpdate(
            "UPDATE `" + database + "`.`" + table + "` SET legal_hold = TRUE WHERE id = 3");
      }
      Thread committer =
          new Thread(
              () -> {
                try {
                  Thread.sleep(1500);
                  other.commit();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      committer.start();
      SqlPurgeResult result = engine(false).run(SqlRuleFixtures.purge(table, null, 10, 100), null);
      committer.join();
      assertThat(result.elapsed())
          .as("the DELETE waited for the other session")
          .isGreaterThan(Duration.ofMillis(1000));
      assertThat(result.deleted()).isEqualTo(3);
    }
    assertThat(ids(table)).containsExactly(3L);
    dropTable(table);
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void rowsWithANullKeyInAUniqueIndexAreLeftAloneAndTheWalkEnds() throws SQLException {
    String table = uniqueTable();
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT NULL, created_at DATETIME(6),"
            + " legal_hold BOOLEAN, UNIQUE KEY (id))");
    execute(
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES"
            + " (NULL, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, NULL), (NULL, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, NULL),"
            + " (NULL, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, NULL), (5, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, NULL),"
            + " (9, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, NULL)");
    SqlPurgeResult result = engine(false).run(SqlRuleFixtures.purge(table, null, 2, 100), null);
    assertThat(result.deleted()).isEqualTo(2);
    assertThat(countNullKeys(table)).isEqualTo(3);
    dropTable(table);
  }

  private static long countNullKeys(String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT COUNT(*) FROM `" + database + "`.`" + table + "` WHERE id IS NULL")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // --- pre-flight
  // ------------------------------------------------------------------------------------------

  @Test
  void aMissingColumnIsNamedAndNothingIsDeleted() throws SQLException {
    String table = uniqueTable();
    createTable(table);
    insert(table, List.of(Seed.plain(1, OLD)));
    execute("ALTER TABLE `" + database + "`.`" + table + "` DROP COLUMN legal_hold");

    assertThatThrownBy(() -> engine(false).run(purge(table, 3, 10), erasure(table, 3)))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("column legal_hold")
        .hasMessageContaining("spec.safety.legalHold.sqlColumn");
    execute("ALTER TABLE `" + database + "`.`" + table + "` ADD COLUMN legal_hold BOOLEAN NULL");
    execute("ALTER TABLE `" + database + "`.`" + table + "` DROP COLUMN birth_date");
    assertThatThrownBy(() -> engine(false).run(purge(table, 3, 10), erasure(table, 3)))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("column birth_date");
    assertThat(ids(table)).containsExactly(1L);
    dropTable(table);
  }

  @Test
  void aTextHoldOrConsentColumnIsRefusedBecauseIsTrueWouldNeverBeTrue() throws SQLException {
    String table = uniqueTable();
    createTable(table);
    insert(table, List.of(Seed.plain(1, OLD).held(true)));
    execute("ALTER TABLE `" + database + "`.`" + table + "` MODIFY legal_hold VARCHAR(5) NULL");
    execute("UPDATE `" + database + "`.`" + table + "` SET legal_hold = 'yes'");
    assertThatThrownBy(() -> engine(false).run(purge(table, 3, 10), erasure(table, 3)))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("column legal_hold")
        .hasMessageContaining("not a BOOLEAN");
    execute("UPDATE `" + database + "`.`" + table + "` SET legal_hold = '1'");
    execute("ALTER TABLE `" + database + "`.`" + table + "` MODIFY legal_hold BOOLEAN NULL");
    execute("ALTER TABLE `" + database + "`.`" + table + "` MODIFY consent_granted CHAR(3) NULL");
    assertThatThrownBy(() -> engine(false).run(purge(table, 3, 10), erasure(table, 3)))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("column consent_granted");
    execute("ALTER TABLE `" + database + "`.`" + table + "` MODIFY consent_granted BOOLEAN NULL");
    execute(
        "ALTER TABLE `" + database + "`.`" + table + "` MODIFY face_vector VARCHAR(32) NOT NULL");
    assertThatThrownBy(() -> engine(false).run(purge(table, 3, 10), erasure(table, 3)))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("sensitive column face_vector")
        .hasMessageContaining("NOT NULL");
    assertThat(ids(table)).containsExactly(1L);
    dropTable(table);
  }

  @Test
  void aMissingTableIsNamed() {
    assertThatThrownBy(() -> engine(false).run(purge("no_such_table", 3, 10), null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("no_such_table does not exist");
  }

  @Test
  void aKeyThatIsNotUniqueOrATimestampThatIsNotATimeIsRefused() throws SQLException {
    String table = uniqueTable();
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT NOT NULL, created_at DATETIME(6),"
            + " legal_hold BOOLEAN, KEY (id))");
    execute(
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES (1, UTC_TIMESTAMP(6) - INTERVAL 400 DAY, NULL)");
    assertThatThrownBy(() -> engine(false).run(SqlRuleFixtures.purge(table, null, 3, 10), null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("neither the primary key nor alone in a unique");

    String texts = uniqueTable();
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + texts
            + "` (id BIGINT PRIMARY KEY, created_at VARCHAR(40),"
            + " legal_hold BOOLEAN)");
    execute(
        "INSERT INTO `" + database + "`.`" + texts + "` VALUES (1, '2001-01-01 00:00:00', NULL)");
    assertThatThrownBy(() -> engine(false).run(SqlRuleFixtures.purge(texts, null, 3, 10), null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("not DATE, DATETIME or TIMESTAMP");
    assertThat(countRows(table)).isEqualTo(1);
    assertThat(countRows(texts)).isEqualTo(1);
    dropTable(table);
    dropTable(texts);
  }

  @Test
  void dateAndTimestampColumnsKeepRowsUntilTheyAreCertainlyOld() throws SQLException {
    String table = uniqueTable();
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT PRIMARY KEY, created_on DATE,"
            + " legal_hold BOOLEAN)");
    // Rows on the cutoff's own day may be younger than the retention: only the day before may go.
    execute(
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES"
            + " (1, DATE(UTC_TIMESTAMP() - INTERVAL 30 DAY), NULL), (2, DATE(UTC_TIMESTAMP() - INTERVAL 31 DAY), NULL),"
            + " (3, NULL, NULL)");
    TablePurge byDate =
        new TablePurge(
            table,
            "created_on",
            "id",
            SqlRuleFixtures.RETENTION,
            null,
            null,
            "legal_hold",
            "*/15 * * * *",
            10,
            10,
            Mechanism.Role.PRIMARY);
    SqlPurgeResult result = engine(false).run(byDate, null);
    assertThat(result.deleted()).isEqualTo(1);
    assertThat(result.nullTimestamp()).isEqualTo(1);
    assertThat(ids(table)).containsExactly(1L, 3L);

    String stamps = uniqueTable();
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + stamps
            + "` (id BIGINT PRIMARY KEY, created_at TIMESTAMP(6) NULL,"
            + " legal_hold BOOLEAN)");
    // Inserted under a far-off session zone: the engine's UTC session must still see the true
    // instants.
    execute("SET time_zone = '+09:00'");
    execute(
        "INSERT INTO `"
            + database
            + "`.`"
            + stamps
            + "` VALUES"
            + " (1, NOW(6) - INTERVAL "
            + YOUNG
            + " SECOND, NULL), (2, NOW(6) - INTERVAL "
            + OLD
            + " SECOND, NULL)");
    execute("SET time_zone = '-07:00'");
    TablePurge byTimestamp =
        new TablePurge(
            stamps,
            "created_at",
            "id",
            SqlRuleFixtures.RETENTION,
            null,
            null,
            "legal_hold",
            "*/15 * * * *",
            10,
            10,
            Mechanism.Role.PRIMARY);
    assertThat(engine(false).run(byTimestamp, null).deleted()).isEqualTo(1);
    assertThat(ids(stamps)).containsExactly(1L);
    dropTable(table);
    dropTable(stamps);
  }

  // --- randomized, with an independent oracle
  // --------------------------------------------------------------

  @Test
  void randomRowsAreDeletedAndErasedExactlyAsAnIndependentOracleSays() throws SQLException {
    long[] seeds = {42L, System.nanoTime()};
    for (long seed : seeds) {
      for (long cap : new long[] {100_000, 60}) {
        runRandomized(seed, cap);
      }
    }
  }

  private void runRandomized(long seed, long cap) throws SQLException {
    String context = "seed " + seed + ", cap " + cap;
    Random random = new Random(seed);
    String table = uniqueTable();
    createTable(table);
    List<Seed> seeds = new ArrayList<>();
    long id = 0;
    for (int i = 0; i < 300; i++) {
      id += 1 + random.nextInt(random.nextBoolean() ? 2 : 50);
      seeds.add(randomSeed(random, id));
    }
    insert(table, seeds);
    Map<Long, Row> before = read(table);
    boolean parentalForPurge = random.nextBoolean();
    SqlConsent purgeConsent = SqlRuleFixtures.consent(parentalForPurge);
    SqlConsent eraseConsent = SqlRuleFixtures.consent(!parentalForPurge);
    TablePurge purge = SqlRuleFixtures.purge(table, purgeConsent, 1 + random.nextInt(20), cap);
    ColumnErasure erasure = SqlRuleFixtures.erasure(table, eraseConsent, 1 + random.nextInt(20));

    SqlPurgeResult result = engine(false).run(purge, erasure);
    Map<Long, Row> after = read(table);
    Oracle oracle = new Oracle(result.serverTime(), purgeConsent, eraseConsent);

    long erasedObserved = 0;
    for (Row old : before.values()) {
      Row now = after.get(old.id());
      String where = context + ", row " + old;
      if (now == null) {
        assertThat(oracle.deletable(old)).as("deleted but not deletable: " + where).isTrue();
        continue;
      }
      assertThat(now.sameExceptSensitive(old))
          .as("changed beyond sensitive columns: " + where)
          .isTrue();
      boolean erased =
          !Objects.equals(now.idNumber(), old.idNumber())
              || !Objects.equals(now.face(), old.face());
      if (erased) {
        erasedObserved++;
        assertThat(oracle.erasable(old)).as("erased but not erasable: " + where).isTrue();
        assertThat(now.idNumber()).as(where).isNull();
        assertThat(now.face()).as(where).isNull();
      } else if (oracle.erasable(old)) {
        assertThat(result.capReached()).as("erasable but kept without cap: " + where).isTrue();
      }
      if (oracle.deletable(old)) {
        assertThat(result.capReached()).as("deletable but kept without cap: " + where).isTrue();
      }
    }
    long deletable = before.values().stream().filter(oracle::deletable).count();
    long erasable = before.values().stream().filter(oracle::erasable).count();
    assertThat(result.deleted()).as(context).isEqualTo(before.size() - after.size());
    assertThat(result.erased()).as(context).isGreaterThanOrEqualTo(erasedObserved);
    assertThat(result.erased() + result.deleted()).as(context).isLessThanOrEqualTo(cap);
    if (!result.capReached()) {
      assertThat(result.erased()).as(context).isEqualTo(erasable);
      assertThat(result.deleted()).as(context).isEqualTo(deletable);
    } else {
      assertThat(result.erased() + result.deleted()).as(context).isEqualTo(cap);
      assertThat(result.backlogRemains()).as(context).isEqualTo(erasable + deletable > cap);
    }
    assertThat(result.heldSkipped())
        .as(context)
        .isEqualTo(before.values().stream().filter(oracle::heldButDue).count());
    assertThat(result.nullTimestamp())
        .as(context)
        .isEqualTo(before.values().stream().filter(r -> r.created() == null).count());
    dropTable(table);
  }

  private static Seed randomSeed(Random random, long id) {
    long[] pivots = {ERASE_S, RETENTION_S, CONSENTED_S};
    Long age;
    int shape = random.nextInt(20);
    if (shape == 0) {
      age = null;
    } else if (shape < 12) {
      age = pivots[random.nextInt(3)] + random.nextInt(2 * (int) MARGIN_S * 3) - 3 * MARGIN_S;
    } else {
      age = (long) random.nextInt((int) (CONSENTED_S + 40 * 86_400));
    }
    Boolean[] tristate = {Boolean.TRUE, Boolean.FALSE, null};
    String[] jurisdictions = {"SG", "TH", "ZZ", null};
    Integer birthYears = random.nextInt(8) == 0 ? null : 14 + random.nextInt(9);
    return new Seed(
        id,
        age,
        random.nextInt(3) == 0 ? tristate[random.nextInt(3)] : Boolean.TRUE,
        random.nextInt(5) == 0,
        birthYears,
        random.nextInt(3) - 1,
        jurisdictions[random.nextInt(4)],
        tristate[random.nextInt(3)],
        random.nextInt(6) == 0 ? tristate[random.nextInt(3)] : null,
        random.nextInt(6) == 0 ? null : "ID" + id,
        random.nextInt(6) == 0 ? null : "F" + id);
  }

  /**
   * The rules of docs/api.md and SqlRuleCompiler's explanation, in plain Java, over rows read
   * before the run.
   */
  record Oracle(LocalDateTime now, SqlConsent purgeConsent, SqlConsent eraseConsent) {
    boolean deletable(Row row) {
      return due(row, purgeConsent) && !Boolean.TRUE.equals(row.hold());
    }

    boolean erasable(Row row) {
      return eraseDue(row) && !Boolean.TRUE.equals(row.hold());
    }

    boolean heldButDue(Row row) {
      return Boolean.TRUE.equals(row.hold()) && (due(row, purgeConsent) || eraseDue(row));
    }

    private boolean due(Row row, SqlConsent consent) {
      if (row.created() == null || !row.created().isBefore(now.minus(SqlRuleFixtures.RETENTION))) {
        return false;
      }
      return !consented(row, consent)
          || row.created().isBefore(now.minus(SqlRuleFixtures.CONSENTED_RETENTION));
    }

    private boolean eraseDue(Row row) {
      return row.created() != null
          && row.created().isBefore(now.minus(SqlRuleFixtures.ERASE_AFTER))
          && !consented(row, eraseConsent)
          && (row.idNumber() != null || row.face() != null);
    }

    private static boolean consented(Row row, SqlConsent consent) {
      if (!Boolean.TRUE.equals(row.granted()) || row.withdrawnAt() != null) {
        return false;
      }
      var rule = consent.minimumAge();
      boolean oldEnough =
          row.birth() != null
              && Period.between(row.birth(), row.created().toLocalDate()).getYears()
                  >= rule.ageFor(row.jurisdiction());
      return oldEnough || (rule.parentalConsentAllowed() && Boolean.TRUE.equals(row.parental()));
    }
  }

  // --- helpers
  // ---------------------------------------------------------------------------------------------

  private static SqlPurgeEngine engine(boolean dryRun) {
    return new SqlPurgeEngine(connection, database, new SqlPurgeOptions(dryRun, 2));
  }

  private static TablePurge purge(String table, int batchSize, long cap) {
    return SqlRuleFixtures.purge(table, SqlRuleFixtures.consent(true), batchSize, cap);
  }

  private static ColumnErasure erasure(String table, int batchSize) {
    return SqlRuleFixtures.erasure(table, SqlRuleFixtures.consent(false), batchSize);
  }

  private static String uniqueTable() {
    return "purge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  private static void createTable(String table) throws SQLException {
    execute(
        "CREATE TABLE `"
            + database
            + "`.`"
            + table
            + "` (id BIGINT PRIMARY KEY, created_at DATETIME(6) NULL,"
            + " consent_granted BOOLEAN NULL, consent_withdrawn_at DATETIME(6) NULL, birth_date DATE NULL,"
            + " jurisdiction CHAR(2) NULL, parental_consent BOOLEAN NULL, legal_hold BOOLEAN NULL,"
            + " id_number VARCHAR(32) NULL, face_vector VARCHAR(32) NULL, KEY (created_at))");
  }

  /**
   * Inserts the rows with timestamps from the server's clock; returns the server's UTC time before.
   */
  private static LocalDateTime insert(String table, List<Seed> rows) throws SQLException {
    LocalDateTime start = serverNow();
    // UTC_TIMESTAMP is constant within one statement, so the birth date is relative to the same
    // timestamp.
    String sql =
        "INSERT INTO `"
            + database
            + "`.`"
            + table
            + "` VALUES (?, UTC_TIMESTAMP(6) - INTERVAL ? SECOND,"
            + " ?, IF(?, UTC_TIMESTAMP(6), NULL),"
            + " DATE_SUB(DATE_SUB(DATE(UTC_TIMESTAMP(6) - INTERVAL COALESCE(?, 0) SECOND), INTERVAL ? YEAR),"
            + " INTERVAL ? DAY), ?, ?, ?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Seed seed : rows) {
        statement.setLong(1, seed.id());
        statement.setObject(2, seed.ageSeconds());
        statement.setObject(3, seed.granted());
        statement.setBoolean(4, seed.withdrawn());
        statement.setObject(5, seed.ageSeconds());
        statement.setObject(6, seed.birthYears());
        statement.setInt(7, seed.birthDaysLess());
        statement.setString(8, seed.jurisdiction());
        statement.setObject(9, seed.parental());
        statement.setObject(10, seed.hold());
        statement.setString(11, seed.idNumber());
        statement.setString(12, seed.face());
        statement.addBatch();
      }
      statement.executeBatch();
    }
    return start;
  }

  private static Map<Long, Row> read(String table) throws SQLException {
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT * FROM `" + database + "`.`" + table + "` ORDER BY id")) {
      while (rs.next()) {
        Row row =
            new Row(
                rs.getLong("id"),
                rs.getObject("created_at", LocalDateTime.class),
                bool(rs, "consent_granted"),
                rs.getObject("consent_withdrawn_at", LocalDateTime.class),
                rs.getObject("birth_date", LocalDate.class),
                rs.getString("jurisdiction"),
                bool(rs, "parental_consent"),
                bool(rs, "legal_hold"),
                rs.getString("id_number"),
                rs.getString("face_vector"));
        rows.put(row.id(), row);
      }
    }
    return rows;
  }

  private static Boolean bool(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value != 0;
  }

  private static Set<Long> ids(String table) throws SQLException {
    Set<Long> ids = new TreeSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT id FROM `" + database + "`.`" + table + "`")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static long countRows(String table) throws SQLException {
    return ids(table).size();
  }

  private static LocalDateTime serverNow() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%f')")) {
      rs.next();
      return LocalDateTime.parse(rs.getString(1));
    }
  }

  /** Rows sit MARGIN_S from the cutoffs: the run must start before any of them could cross. */
  private static void assertWithinMargin(LocalDateTime inserted, SqlPurgeResult result) {
    assertThat(Duration.between(inserted, result.serverTime()))
        .as("time between insert and run; the data is only adversarial within the margin")
        .isLessThan(Duration.ofSeconds(MARGIN_S / 2));
  }

  private static void dropTable(String table) throws SQLException {
    execute("DROP TABLE `" + database + "`.`" + table + "`");
  }

  private static void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
