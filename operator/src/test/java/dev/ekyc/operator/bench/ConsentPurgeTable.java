package dev.ekyc.operator.bench;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.MinimumAgeRule;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.SqlConsent;
import dev.ekyc.operator.policy.TablePurge;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The consent/erasure workload: rows with and without consent (granted, NULL, withdrawn, under the
 * minimum age of 18 at the row's date, unknown birth date), sensitive columns erased 30 days after
 * the row unless consented, rows deleted after 365 days unless consented (then after 730), legal
 * holds never touched. Ages as in {@link PurgeTable} (odd ids 400 to 699 days, even ids 0 to 299
 * days, but none 29 to 31 days old, so no row crosses the erasure cutoff during a run). Survivors
 * are compared with every column, the erased ones included.
 */
final class ConsentPurgeTable extends PurgeTable {
  static final int ERASE_DAYS = 30;
  static final int CONSENTED_DAYS = 730;
  static final String CONSENTED =
      "consent_granted IS TRUE AND consent_withdrawn_at IS NULL"
          + " AND (birth_date <= DATE(created_at) - INTERVAL 18 YEAR) IS TRUE";

  /** The hand-written erasure's condition. */
  static final String ERASE_DUE =
      "created_at < UTC_TIMESTAMP(6) - INTERVAL "
          + ERASE_DAYS
          + " DAY"
          + " AND NOT ("
          + CONSENTED
          + ") AND legal_hold IS NOT TRUE AND NOT (id_number IS NULL AND face_vector IS NULL)";

  /** The hand-written purge's condition. */
  static final String DELETE_DUE =
      "created_at < UTC_TIMESTAMP(6) - INTERVAL "
          + RETENTION_DAYS
          + " DAY"
          + " AND legal_hold IS NOT TRUE AND (NOT ("
          + CONSENTED
          + ") OR created_at < UTC_TIMESTAMP(6) - INTERVAL "
          + CONSENTED_DAYS
          + " DAY)";

  private static final String AGE_DAYS =
      "(CASE WHEN seq % 2 = 1 THEN 400 + seq % 300"
          + " WHEN seq % 300 BETWEEN 29 AND 30 THEN seq % 300 + 5 ELSE seq % 300 END)";
  private static final String ROW =
      "CONCAT_WS('|', id, created_at, IFNULL(legal_hold, 'n'),"
          + " IFNULL(consent_granted, 'n'), IFNULL(consent_withdrawn_at, 'n'), IFNULL(birth_date, 'n'), %s, %s, payload)";

  ConsentPurgeTable(Connection connection, long rows) {
    super(connection, rows);
  }

  @Override
  public void createSeed() throws SQLException {
    BenchDb.execute(connection, "SET time_zone = '+00:00'");
    BenchDb.execute(connection, "DROP TABLE IF EXISTS seed");
    BenchDb.execute(
        connection,
        "CREATE TABLE seed (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " created_at DATETIME(6) NULL, legal_hold BOOLEAN NULL, consent_granted BOOLEAN NULL,"
            + " consent_withdrawn_at DATETIME(6) NULL, birth_date DATE NULL, id_number VARCHAR(40) NULL,"
            + " face_vector VARCHAR(64) NULL, payload VARCHAR(64) NOT NULL, touches INT NOT NULL DEFAULT 0,"
            + " KEY created_at_idx (created_at)) ENGINE=InnoDB");
    String created =
        "UTC_TIMESTAMP(6) - INTERVAL " + AGE_DAYS + " DAY - INTERVAL seq % 86400 SECOND";
    BenchDb.execute(
        connection,
        "INSERT INTO seed (id, created_at, legal_hold, consent_granted, consent_withdrawn_at,"
            + " birth_date, id_number, face_vector, payload) SELECT seq, "
            + created
            + ","
            + " CASE WHEN seq % 1000 = 1 THEN TRUE WHEN seq % 3 = 0 THEN NULL ELSE FALSE END,"
            + " CASE WHEN seq % 5 IN (1, 2) THEN TRUE WHEN seq % 5 = 3 THEN NULL ELSE FALSE END,"
            + " IF(seq % 7 = 0, "
            + created
            + " + INTERVAL 1 DAY, NULL),"
            + " CASE WHEN seq % 11 = 0 THEN DATE("
            + created
            + ") - INTERVAL 16 YEAR WHEN seq % 13 = 0 THEN NULL"
            + " ELSE DATE("
            + created
            + ") - INTERVAL 30 YEAR END,"
            + " IF(seq % 9 = 0, NULL, CONCAT('ID', seq)), IF(seq % 9 = 0, NULL, SHA2(seq, 256)),"
            + " SHA1(seq) FROM seq_1_to_"
            + rows);
  }

  @Override
  public long due(String table) throws SQLException {
    return single(
        "SELECT COUNT(*) FROM `" + table + "` WHERE (" + ERASE_DUE + ") OR (" + DELETE_DUE + ")");
  }

  @Override
  public String survivors(String table) throws SQLException {
    String row = String.format(ROW, "IFNULL(id_number, '-')", "IFNULL(face_vector, '-')");
    return single("SELECT COUNT(*) FROM `" + table + "` WHERE id <= " + rows)
        + " rows, crc "
        + single(
            "SELECT COALESCE(SUM(CRC32(" + row + ")), 0) FROM `" + table + "` WHERE id <= " + rows);
  }

  /**
   * From the seed: rows not due for deletion, with the sensitive columns of rows due for erasure
   * shown erased.
   */
  @Override
  public String expectedSurvivors() throws SQLException {
    String row =
        String.format(
            ROW,
            "IF(" + ERASE_DUE + ", '-', IFNULL(id_number, '-'))",
            "IF(" + ERASE_DUE + ", '-', IFNULL(face_vector, '-'))");
    String keep = " WHERE NOT (" + DELETE_DUE + ")";
    return single("SELECT COUNT(*) FROM seed" + keep)
        + " rows, crc "
        + single("SELECT COALESCE(SUM(CRC32(" + row + ")), 0) FROM seed" + keep);
  }

  /** The rule the engine runs: the compiler's default batch size 1000 for both. */
  static TablePurge purge(String table) {
    return new TablePurge(
        table,
        "created_at",
        "id",
        Duration.ofDays(RETENTION_DAYS),
        consent(),
        Duration.ofDays(CONSENTED_DAYS),
        "legal_hold",
        "0 * * * *",
        1000,
        Long.MAX_VALUE,
        Mechanism.Role.PRIMARY);
  }

  static ColumnErasure erasure(String table) {
    return new ColumnErasure(
        table,
        "created_at",
        "id",
        List.of("id_number", "face_vector"),
        Duration.ofDays(ERASE_DAYS),
        consent(),
        "legal_hold",
        "0 * * * *",
        1000,
        Mechanism.Role.PRIMARY);
  }

  private static SqlConsent consent() {
    return new SqlConsent(
        new ResourceRef("ConsentPolicy", "bench", "kyc-reuse"),
        "consent_granted",
        "consent_withdrawn_at",
        "birth_date",
        null,
        null,
        new MinimumAgeRule(18, Map.of(), false),
        Duration.ofDays(3));
  }
}
