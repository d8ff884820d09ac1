package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link KeyBatches} on a JDBC connection: keyset pagination over the table's unique key, and a change statement that
 * repeats the whole predicate so a row that gained a hold or consent since it was selected is left alone. Opens a
 * manual transaction on construction; {@link #close()} restores the connection's auto-commit.
 */
final class JdbcKeyBatches implements KeyBatches, AutoCloseable {

  /** Builds the writing statement for a batch of keys; the predicate is appended after it. */
  interface Change {
    String statementFor(TableTarget target, String keyList);
  }

  static final Change DELETE = (target, keys) ->
      "DELETE FROM " + target.qualifiedTable() + " WHERE " + target.key().quoted() + " IN (" + keys + ")";

  static final Change ERASE = (target, keys) -> {
    List<String> assignments = new ArrayList<>();
    target.sensitiveColumns().forEach(c -> assignments.add(c.quoted() + " = NULL"));
    return "UPDATE " + target.qualifiedTable() + " SET " + String.join(", ", assignments) + " WHERE "
        + target.key().quoted() + " IN (" + keys + ")";
  };

  private final Connection connection;
  private final TableTarget target;
  private final BoundSql predicate;
  private final Change change;
  private final boolean autoCommit;

  JdbcKeyBatches(Connection connection, TableTarget target, BoundSql predicate, Change change) throws SQLException {
    this.connection = connection;
    this.target = target;
    this.predicate = predicate;
    this.change = change;
    this.autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
  }

  @Override
  public List<Object> nextKeys(Object afterKey, int limit) throws SQLException {
    String key = target.key().quoted();
    // A NULL key (possible in a unique index) cannot be walked or matched by IN: such rows are never changed.
    String sql = "SELECT " + key + " FROM " + target.qualifiedTable() + " WHERE "
        + (afterKey == null ? key + " IS NOT NULL AND " : key + " > ? AND ") + "(" + predicate.sql() + ") ORDER BY "
        + key + " LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (afterKey != null) {
        statement.setObject(index++, afterKey);
      }
      index = predicate.bind(statement, index);
      statement.setInt(index, limit);
      List<Object> keys = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(rows.getObject(1));
        }
      }
      return keys;
    }
  }

  @Override
  public int change(List<Object> keys) throws SQLException {
    String placeholders = String.join(",", Collections.nCopies(keys.size(), "?"));
    String sql = change.statementFor(target, placeholders) + " AND (" + predicate.sql() + ")";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (Object key : keys) {
        statement.setObject(index++, key);
      }
      predicate.bind(statement, index);
      return statement.executeUpdate();
    }
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
  }

  @Override
  public void rollback() throws SQLException {
    connection.rollback();
  }

  @Override
  public void close() throws SQLException {
    connection.setAutoCommit(autoCommit);
  }
}
