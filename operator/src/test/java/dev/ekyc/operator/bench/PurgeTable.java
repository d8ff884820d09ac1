package dev.ekyc.operator.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The purge benchmark's data: a seed table of {@code rows} rows built from the server's clock, odd
 * ids due (400 to 699 days old against a 365-day retention), even ids young (0 to 299 days), and
 * one due row in 1,000 under legal hold. Ages are days away from the cutoff, so every contender
 * sees the same due set whenever it runs. Each contender gets an identical copy; survivors are
 * compared by count and a CRC32 sum over the seed's ids.
 *
 * <p>{@link #partitioned}: the same rows in a table RANGE-partitioned by {@code created_at} in
 * 30-day partitions (primary key {@code (id, created_at)}, as partitioning requires), with the
 * legal holds only in rows 500 to 519 days old (one or two partitions), as when a hold covers one
 * case's period.
 */
class PurgeTable implements BenchTable {
  static final int RETENTION_DAYS = 365;

  /**
   * The predicate every contender applies; the engine builds its own from the rule, which means the
   * same.
   */
  static final String DUE =
      "created_at IS NOT NULL AND created_at < UTC_TIMESTAMP(6) - INTERVAL "
          + RETENTION_DAYS
          + " DAY AND legal_hold IS NOT TRUE";

  private static final String AGE_DAYS =
      "(CASE WHEN seq % 2 = 1 THEN 400 + seq % 300 ELSE seq % 300 END)";

  final Connection connection;
  final long rows;
  private final boolean partitioned;

  PurgeTable(Connection connection, long rows) {
    this(connection, rows, false);
  }

  private PurgeTable(Connection connection, long rows, boolean partitioned) {
    this.connection = connection;
    this.rows = rows;
    this.partitioned = partitioned;
  }

  static PurgeTable partitioned(Connection connection, long rows) {
    return new PurgeTable(connection, rows, true);
  }

  @Override
  public void createSeed() throws SQLException {
    BenchDb.execute(connection, "SET time_zone = '+00:00'");
    BenchDb.execute(connection, "DROP TABLE IF EXISTS seed");
    BenchDb.execute(
        connection,
        "CREATE TABLE seed (id BIGINT NOT NULL AUTO_INCREMENT,"
            + " created_at DATETIME(6) "
            + (partitioned ? "NOT NULL" : "NULL")
            + ", legal_hold BOOLEAN NULL,"
            + " payload VARCHAR(64) NOT NULL, touches INT NOT NULL DEFAULT 0,"
            + (partitioned ? " PRIMARY KEY (id, created_at)," : " PRIMARY KEY (id),")
            + " KEY created_at_idx (created_at)) ENGINE=InnoDB"
            + (partitioned ? partitions() : ""));
    String held =
        partitioned ? "seq % 1000 = 1 AND seq % 300 BETWEEN 100 AND 119" : "seq % 1000 = 1";
    // seq_1_to_N is MariaDB's Sequence engine: no client round trips to build a million rows.
    BenchDb.execute(
        connection,
        "INSERT INTO seed (id, created_at, legal_hold, payload) SELECT seq,"
            + " UTC_TIMESTAMP(6) - INTERVAL "
            + AGE_DAYS
            + " DAY - INTERVAL seq % 86400 SECOND,"
            + " CASE WHEN "
            + held
            + " THEN TRUE WHEN seq % 3 = 0 THEN NULL ELSE FALSE END,"
            + " SHA1(seq) FROM seq_1_to_"
            + rows);
  }

  /**
   * 30-day partitions from 720 days ago to 30 days ahead, then MAXVALUE; bounds from the server's
   * date.
   */
  private String partitions() throws SQLException {
    StringBuilder sql = new StringBuilder(" PARTITION BY RANGE COLUMNS(created_at) (");
    for (int daysAgo = 720; daysAgo >= -30; daysAgo -= 30) {
      String bound;
      try (Statement statement = connection.createStatement();
          ResultSet result =
              statement.executeQuery("SELECT UTC_DATE() - INTERVAL " + daysAgo + " DAY")) {
        result.next();
        bound = result.getString(1);
      }
      sql.append("PARTITION p")
          .append(daysAgo < 0 ? "f" + -daysAgo : daysAgo)
          .append(" VALUES LESS THAN ('")
          .append(bound)
          .append("'), ");
    }
    return sql.append("PARTITION pmax VALUES LESS THAN (MAXVALUE))").toString();
  }

  @Override
  public void copy(String table) throws SQLException {
    BenchDb.execute(connection, "DROP TABLE IF EXISTS `" + table + "`");
    BenchDb.execute(connection, "CREATE TABLE `" + table + "` LIKE seed");
    BenchDb.execute(connection, "INSERT INTO `" + table + "` SELECT * FROM seed");
  }

  @Override
  public void drop(String table) throws SQLException {
    BenchDb.execute(connection, "DROP TABLE IF EXISTS `" + table + "`");
  }

  @Override
  public long due(String table) throws SQLException {
    return single("SELECT COUNT(*) FROM `" + table + "` WHERE " + DUE);
  }

  /**
   * Survivors among the seed's ids (a concurrent writer's new rows are not compared): count and
   * CRC32 sum.
   */
  @Override
  public String survivors(String table) throws SQLException {
    return single("SELECT COUNT(*) FROM `" + table + "` WHERE id <= " + rows)
        + " rows, crc "
        + single(
            "SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', id, created_at, IFNULL(legal_hold, 'n'), payload))), 0)"
                + " FROM `"
                + table
                + "` WHERE id <= "
                + rows);
  }

  /** What must survive, computed from the seed independently of any contender. */
  @Override
  public String expectedSurvivors() throws SQLException {
    String keep = " WHERE NOT (" + DUE + ")";
    return single("SELECT COUNT(*) FROM seed" + keep)
        + " rows, crc "
        + single(
            "SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', id, created_at, IFNULL(legal_hold, 'n'), payload))), 0)"
                + " FROM seed"
                + keep);
  }

  long single(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
