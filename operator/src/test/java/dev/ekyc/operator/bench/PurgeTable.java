package dev.ekyc.operator.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The purge benchmark's data: a seed table of {@code rows} rows built from the server's clock, odd ids due (400 to
 * 699 days old against a 365-day retention), even ids young (0 to 299 days), and one due row in 1,000 under legal
 * hold. Ages are days away from the cutoff, so every contender sees the same due set whenever it runs. Each
 * contender gets an identical copy; survivors are compared by count and a CRC32 sum over the seed's ids.
 */
final class PurgeTable {
  static final int RETENTION_DAYS = 365;
  /** The predicate every contender applies; the engine builds its own from the rule, which means the same. */
  static final String DUE = "created_at IS NOT NULL AND created_at < UTC_TIMESTAMP(6) - INTERVAL " + RETENTION_DAYS
      + " DAY AND legal_hold IS NOT TRUE";

  private final Connection connection;
  private final long rows;

  PurgeTable(Connection connection, long rows) {
    this.connection = connection;
    this.rows = rows;
  }

  void createSeed() throws SQLException {
    BenchDb.execute(connection, "SET time_zone = '+00:00'");
    BenchDb.execute(connection, "DROP TABLE IF EXISTS seed");
    BenchDb.execute(connection, "CREATE TABLE seed (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
        + " created_at DATETIME(6) NULL, legal_hold BOOLEAN NULL, payload VARCHAR(64) NOT NULL,"
        + " touches INT NOT NULL DEFAULT 0, KEY created_at_idx (created_at)) ENGINE=InnoDB");
    // seq_1_to_N is MariaDB's Sequence engine: no client round trips to build a million rows.
    BenchDb.execute(connection, "INSERT INTO seed (id, created_at, legal_hold, payload) SELECT seq,"
        + " UTC_TIMESTAMP(6) - INTERVAL (CASE WHEN seq % 2 = 1 THEN 400 + seq % 300 ELSE seq % 300 END) DAY"
        + " - INTERVAL seq % 86400 SECOND,"
        + " CASE WHEN seq % 1000 = 1 THEN TRUE WHEN seq % 3 = 0 THEN NULL ELSE FALSE END,"
        + " SHA1(seq) FROM seq_1_to_" + rows);
  }

  void copy(String table) throws SQLException {
    BenchDb.execute(connection, "DROP TABLE IF EXISTS `" + table + "`");
    BenchDb.execute(connection, "CREATE TABLE `" + table + "` LIKE seed");
    BenchDb.execute(connection, "INSERT INTO `" + table + "` SELECT * FROM seed");
  }

  void drop(String table) throws SQLException {
    BenchDb.execute(connection, "DROP TABLE IF EXISTS `" + table + "`");
  }

  long due(String table) throws SQLException {
    return single("SELECT COUNT(*) FROM `" + table + "` WHERE " + DUE);
  }

  /** Survivors among the seed's ids (a concurrent writer's new rows are not compared): count and CRC32 sum. */
  String survivors(String table) throws SQLException {
    return single("SELECT COUNT(*) FROM `" + table + "` WHERE id <= " + rows) + " rows, crc "
        + single("SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', id, created_at, IFNULL(legal_hold, 'n'), payload))), 0)"
        + " FROM `" + table + "` WHERE id <= " + rows);
  }

  /** What must survive, computed from the seed independently of any contender. */
  String expectedSurvivors() throws SQLException {
    String keep = " WHERE NOT (" + DUE + ")";
    return single("SELECT COUNT(*) FROM seed" + keep) + " rows, crc "
        + single("SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', id, created_at, IFNULL(legal_hold, 'n'), payload))), 0)"
        + " FROM seed" + keep);
  }

  private long single(String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
