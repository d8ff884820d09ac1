package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.TablePurge;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The table a purge (and optional erasure) works on, with every identifier validated. Erasure and
 * purge of one rule always name the same table, key, timestamp and hold column; anything else is
 * refused.
 */
public record TableTarget(
    SqlIdentifier database,
    SqlIdentifier table,
    SqlIdentifier key,
    SqlIdentifier timestamp,
    SqlIdentifier legalHold,
    List<SqlIdentifier> sensitiveColumns) {

  public TableTarget {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timestamp, "timestamp");
    sensitiveColumns = List.copyOf(sensitiveColumns);
  }

  public static TableTarget of(String database, TablePurge purge, ColumnErasure erasure) {
    if (erasure != null
        && (!erasure.table().equals(purge.table())
            || !erasure.keyColumn().equals(purge.keyColumn())
            || !erasure.timestampColumn().equals(purge.timestampColumn())
            || !Objects.equals(erasure.legalHoldColumn(), purge.legalHoldColumn()))) {
      throw new SqlPurgeException(
          "the erasure and purge of table "
              + purge.table()
              + " disagree on table, key,"
              + " timestamp or legal-hold column: pass the mechanisms of one rule");
    }
    List<SqlIdentifier> sensitive = new ArrayList<>();
    if (erasure != null) {
      if (erasure.columns().isEmpty()) {
        throw new SqlPurgeException(
            "the erasure of table " + purge.table() + " names no sensitive column");
      }
      erasure.columns().forEach(c -> sensitive.add(SqlIdentifier.of(c)));
    }
    return new TableTarget(
        SqlIdentifier.of(database),
        SqlIdentifier.of(purge.table()),
        SqlIdentifier.of(purge.keyColumn()),
        SqlIdentifier.of(purge.timestampColumn()),
        purge.legalHoldColumn() == null ? null : SqlIdentifier.of(purge.legalHoldColumn()),
        sensitive);
  }

  /** {@code `database`.`table`} */
  public String qualifiedTable() {
    return database.quoted() + "." + table.quoted();
  }
}
