package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.SqlConsent;
import dev.ekyc.operator.policy.TablePurge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks in information_schema, before anything is written, that the table and every column the
 * rule names exist in the DataStore's database, that the timestamp column can hold a creation time,
 * and that the key is the primary key or alone in a unique index (so walking it visits each row
 * once), or, on a partitioned table, leads one. It also refuses tables whose schema keeps what the
 * engine deletes or erases ({@link RetainedCopies}).
 */
public final class SchemaPreflight {
  private SchemaPreflight() {}

  /**
   * The timestamp column's type; throws naming the problem and the fix when the table is not fit.
   */
  public static TimestampType check(
      Connection connection, TableTarget target, TablePurge purge, ColumnErasure erasure)
      throws SQLException {
    String where = target.database().name() + "." + target.table().name();
    Set<String> notNullable = new HashSet<>();
    Map<String, String> columnTypes = columnTypes(connection, target, notNullable);
    if (columnTypes.isEmpty()) {
      throw new SqlPurgeException(
          "table "
              + where
              + " does not exist (or is not visible to this user): fix"
              + " spec.rules[].table.name or the DataStore's database, or grant SELECT on it");
    }
    for (Map.Entry<String, SqlIdentifier> required :
        requiredColumns(target, purge, erasure).entrySet()) {
      if (!columnTypes.containsKey(required.getValue().name().toLowerCase(Locale.ROOT))) {
        throw new SqlPurgeException(
            "column "
                + required.getValue().name()
                + " ("
                + required.getKey()
                + ") does not exist in table "
                + where
                + ": add it to the table or fix the field; nothing was deleted");
      }
    }
    String tsType = columnTypes.get(target.timestamp().name().toLowerCase(Locale.ROOT));
    TimestampType type = TimestampType.fromDataType(tsType);
    if (type == null) {
      throw new SqlPurgeException(
          "column "
              + target.timestamp().name()
              + " of "
              + where
              + " is "
              + tsType
              + ", not DATE, DATETIME or TIMESTAMP, so the age of a row cannot be read from it: point"
              + " table.timestampColumn at the row's creation time; nothing was deleted");
    }
    checkFlagTypes(columnTypes, where, target, purge, erasure);
    for (SqlIdentifier column : target.sensitiveColumns()) {
      // Erasure sets NULL; a NOT NULL column would fail the batch or, without strict mode, keep a
      // value.
      if (notNullable.contains(column.name().toLowerCase(Locale.ROOT))) {
        throw new SqlPurgeException(
            "sensitive column "
                + column.name()
                + " of "
                + where
                + " is NOT NULL, so it"
                + " cannot be erased: make it nullable (ALTER TABLE ... MODIFY ... NULL); nothing was deleted");
      }
    }
    RetainedCopies.refuse(connection, target, where);
    if (!isUniqueKey(connection, target)) {
      throw new SqlPurgeException(
          "column "
              + target.key().name()
              + " of "
              + where
              + " is neither the primary key"
              + " nor alone in a unique index (nor, on a partitioned table, the first column of one), so batches cannot"
              + " walk it: set table.key to the primary key or add a unique index on it; nothing was deleted");
    }
    return type;
  }

  /**
   * Hold, granted and parental-consent columns are read with IS TRUE, which is false for any text
   * ('yes' too): a text hold column would silently hold nothing, a text consent column would
   * consent nobody. Only integer and BIT types (BOOLEAN is TINYINT) are accepted; birth dates must
   * be dates.
   */
  private static void checkFlagTypes(
      Map<String, String> columnTypes,
      String where,
      TableTarget target,
      TablePurge purge,
      ColumnErasure erasure) {
    Set<String> flags = new LinkedHashSet<>();
    Set<String> dates = new LinkedHashSet<>();
    if (target.legalHold() != null) {
      flags.add(target.legalHold().name());
    }
    for (SqlConsent consent :
        new SqlConsent[] {purge.consent(), erasure == null ? null : erasure.consent()}) {
      if (consent == null) {
        continue;
      }
      flags.add(consent.grantedColumn());
      if (consent.minimumAge() != null) {
        dates.add(consent.birthDateColumn());
        if (consent.minimumAge().parentalConsentAllowed()
            && consent.parentalConsentColumn() != null) {
          flags.add(consent.parentalConsentColumn());
        }
      }
    }
    for (String flag : flags) {
      String type = columnTypes.get(flag.toLowerCase(Locale.ROOT));
      if (!FLAG_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
        throw new SqlPurgeException(
            "column "
                + flag
                + " of "
                + where
                + " is "
                + type
                + ", not a BOOLEAN (integer)"
                + " or BIT column, so 'true' cannot be read from it reliably: make it BOOLEAN; nothing was deleted");
      }
    }
    for (String date : dates) {
      if (TimestampType.fromDataType(columnTypes.get(date.toLowerCase(Locale.ROOT))) == null) {
        throw new SqlPurgeException(
            "column "
                + date
                + " of "
                + where
                + " is "
                + columnTypes.get(date.toLowerCase(Locale.ROOT))
                + ", not DATE, so the minimum age cannot be"
                + " checked: make it a DATE column; nothing was deleted");
      }
    }
  }

  private static final Set<String> FLAG_TYPES =
      Set.of("tinyint", "smallint", "mediumint", "int", "bigint", "bit");

  private static Map<String, SqlIdentifier> requiredColumns(
      TableTarget target, TablePurge purge, ColumnErasure erasure) {
    Map<String, SqlIdentifier> required = new LinkedHashMap<>();
    required.put("table.key", target.key());
    required.put("table.timestampColumn", target.timestamp());
    if (target.legalHold() != null) {
      required.put("spec.safety.legalHold.sqlColumn", target.legalHold());
    }
    for (SqlIdentifier column : target.sensitiveColumns()) {
      required.put("sensitive.columns " + column.name(), column);
    }
    Set<SqlIdentifier> consentColumns = new LinkedHashSet<>();
    if (purge.consent() != null) {
      consentColumns.addAll(ConsentPredicate.columns(purge.consent()));
    }
    if (erasure != null) {
      consentColumns.addAll(ConsentPredicate.columns(erasure.consent()));
    }
    for (SqlIdentifier column : consentColumns) {
      required.put("ConsentPolicy spec.recordedAs.sqlColumns " + column.name(), column);
    }
    return required;
  }

  private static Map<String, String> columnTypes(
      Connection connection, TableTarget target, Set<String> notNullable) throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          // Column names are case-insensitive in MariaDB and MySQL.
          types.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
          if ("NO".equalsIgnoreCase(rows.getString(3))) {
            notNullable.add(rows.getString(1).toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return types;
  }

  /**
   * True when some unique index (the primary key included) consists of the key column alone, or, on
   * a partitioned table, starts with it: MariaDB and MySQL require every unique index of a
   * partitioned table to include the partitioning column, so a table partitioned by its timestamp
   * can only have {@code (id, created_at)}. The walk stays safe if such a key repeats: each batch
   * changes at most its limit of rows, and rows sharing the last key of a batch wait for a later
   * run (late, never early).
   */
  private static boolean isUniqueKey(Connection connection, TableTarget target)
      throws SQLException {
    Map<String, List<String>> uniqueIndexes = new HashMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT INDEX_NAME, COLUMN_NAME FROM"
                + " information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
                + " ORDER BY INDEX_NAME, SEQ_IN_INDEX")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          uniqueIndexes
              .computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
              .add(rows.getString(2));
        }
      }
    }
    String key = target.key().name();
    if (uniqueIndexes.values().stream()
        .anyMatch(columns -> columns.size() == 1 && columns.get(0).equalsIgnoreCase(key))) {
      return true;
    }
    return isPartitioned(connection, target)
        && uniqueIndexes.values().stream()
            .anyMatch(columns -> columns.get(0).equalsIgnoreCase(key));
  }

  private static boolean isPartitioned(Connection connection, TableTarget target)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM information_schema.PARTITIONS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL LIMIT 1")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }
}
