package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RangeChanges} on a JDBC connection: {@code <change> WHERE key BETWEEN ? AND ? AND
 * (predicate)}, the predicate decided by the statement that changes the row, under its lock (as
 * with DELETE ... RETURNING). Used where {@link #spanOf} finds the key fit: an integer column (not
 * BIGINT UNSIGNED, which may not fit a long), unique by itself, dense enough for the table's size.
 * Opens a manual READ COMMITTED transaction on construction; {@link #close()} restores auto-commit
 * and the isolation level.
 */
final class JdbcRangeChanges implements RangeChanges, AutoCloseable {
  private static final Set<String> INTEGER_TYPES =
      Set.of("tinyint", "smallint", "mediumint", "int", "bigint");

  private final Connection connection;
  private final String sql;
  private final BoundSql predicate;
  private final boolean autoCommit;
  private final int isolation;

  JdbcRangeChanges(
      Connection connection, TableTarget target, BoundSql predicate, JdbcKeyBatches.Change change)
      throws SQLException {
    this.connection = connection;
    String key = target.key().quoted();
    this.sql =
        change.statementFor(target, key + " BETWEEN ? AND ?") + " AND (" + predicate.sql() + ")";
    this.predicate = predicate;
    this.autoCommit = connection.getAutoCommit();
    this.isolation = connection.getTransactionIsolation();
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
  }

  /**
   * The key's span when the key can be walked by ranges; empty otherwise (and for an empty table).
   */
  static Optional<KeySpan> spanOf(Connection connection, TableTarget target) throws SQLException {
    if (!integerKey(connection, target) || !uniqueByItself(connection, target)) {
      return Optional.empty();
    }
    String key = target.key().quoted();
    KeySpan span;
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + target.qualifiedTable());
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      long min = rows.getLong(1);
      if (rows.wasNull()) {
        return Optional.empty();
      }
      span = new KeySpan(min, rows.getLong(2));
    }
    return span.denseFor(estimatedRows(connection, target)) ? Optional.of(span) : Optional.empty();
  }

  private static boolean integerKey(Connection connection, TableTarget target) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT DATA_TYPE, COLUMN_TYPE FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      statement.setString(3, target.key().name());
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return false;
        }
        String type = rows.getString(1).toLowerCase(java.util.Locale.ROOT);
        boolean unsignedBig =
            type.equals("bigint")
                && rows.getString(2).toLowerCase(java.util.Locale.ROOT).contains("unsigned");
        return INTEGER_TYPES.contains(type) && !unsignedBig;
      }
    }
  }

  /** A unique index (the primary key included) on the key column alone. */
  private static boolean uniqueByItself(Connection connection, TableTarget target)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT INDEX_NAME FROM"
                + " information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0"
                + " GROUP BY INDEX_NAME HAVING COUNT(*) = 1 AND MAX(COLUMN_NAME) = ?")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      statement.setString(3, target.key().name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static long estimatedRows(Connection connection, TableTarget target) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TABLE_ROWS FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  @Override
  public int change(long from, long to) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, from);
      statement.setLong(2, to);
      predicate.bind(statement, 3);
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
    connection.setTransactionIsolation(isolation);
  }
}
