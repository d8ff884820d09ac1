package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Schema features that keep a copy of what the engine deletes or erases, so a run would report
 * "deleted" while the value stays readable in the database: a system-versioned table (MariaDB keeps
 * every deleted or updated row in its history, readable with {@code FOR SYSTEM_TIME ALL}), a
 * trigger on UPDATE or DELETE (it sees OLD values and may copy them anywhere), and a FULLTEXT index
 * on a sensitive column (InnoDB keeps the words of deleted and updated rows in the index's
 * auxiliary tables until {@code OPTIMIZE TABLE} runs with {@code innodb_optimize_fulltext_only}).
 * Each is refused before anything is written, with the fix. Triggers are listed in
 * information_schema only to a user with the TRIGGER privilege on the table: without it none can be
 * seen, and the docs say so.
 */
final class RetainedCopies {
  private RetainedCopies() {}

  static void refuse(Connection connection, TableTarget target, String where) throws SQLException {
    if (systemVersioned(connection, target)) {
      throw new SqlPurgeException(
          "table "
              + where
              + " is system-versioned: MariaDB keeps every deleted row and"
              + " every erased value in its history, so nothing would really be deleted. Remove versioning (ALTER TABLE "
              + where
              + " DROP SYSTEM VERSIONING) or point the rule at a table without it; nothing was deleted");
    }
    List<String> triggers = triggers(connection, target);
    if (!triggers.isEmpty()) {
      throw new SqlPurgeException(
          "table "
              + where
              + " has trigger(s) "
              + String.join(", ", triggers)
              + " on UPDATE or DELETE, which see the old values and may copy them elsewhere: drop them, or move what"
              + " they do out of the database; nothing was deleted");
    }
    List<String> fulltext = fulltextOnSensitive(connection, target);
    if (!fulltext.isEmpty()) {
      throw new SqlPurgeException(
          "sensitive column(s) "
              + String.join(", ", fulltext)
              + " of "
              + where
              + " have a FULLTEXT index, which keeps the words of erased values until OPTIMIZE TABLE rebuilds it: drop"
              + " the FULLTEXT index on them (ALTER TABLE ... DROP INDEX ...); nothing was deleted");
    }
  }

  private static boolean systemVersioned(Connection connection, TableTarget target)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TABLE_TYPE FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && "SYSTEM VERSIONED".equalsIgnoreCase(rows.getString(1));
      }
    }
  }

  private static List<String> triggers(Connection connection, TableTarget target)
      throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TRIGGER_NAME FROM"
                + " information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ?"
                + " AND EVENT_MANIPULATION IN ('UPDATE', 'DELETE') ORDER BY TRIGGER_NAME")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          out.add(rows.getString(1));
        }
      }
    }
    return out;
  }

  private static List<String> fulltextOnSensitive(Connection connection, TableTarget target)
      throws SQLException {
    List<String> out = new ArrayList<>();
    if (target.sensitiveColumns().isEmpty()) {
      return out;
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT DISTINCT COLUMN_NAME FROM"
                + " information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_TYPE = 'FULLTEXT'")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          String column = rows.getString(1);
          if (target.sensitiveColumns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column))) {
            out.add(column);
          }
        }
      }
    }
    return out;
  }
}
