package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link KeyBatches} on a JDBC connection: keyset pagination over the table's unique key, and a
 * change statement that repeats the whole predicate so a row that gained a hold or consent since it
 * was selected is left alone.
 *
 * <p>The change walks the key range of the selected keys ({@code key BETWEEN first AND last}, one
 * index range scan) rather than listing them: the predicate decides, not the list, so the range is
 * safe. A row that entered the range and became due after the selection may be changed in place of
 * a selected one; {@code ORDER BY key LIMIT n} keeps the change to at most as many rows as were
 * selected, so the budget holds, and a selected row left over stays due for the next run. Runs in
 * READ COMMITTED: the change's re-check reads the committed row under its lock either way, and rows
 * it scans but does not change are not kept locked against the application until the commit.
 *
 * <p>Opens a manual transaction on construction; {@link #close()} restores auto-commit and the
 * isolation level.
 */
final class JdbcKeyBatches implements KeyBatches, AutoCloseable {

  /**
   * Builds the writing statement for a batch's key condition; the predicate, order and limit follow
   * it.
   */
  interface Change {
    String statementFor(TableTarget target, String keyCondition);
  }

  static final Change DELETE =
      (target, keys) -> "DELETE FROM " + target.qualifiedTable() + " WHERE " + keys;

  static final Change ERASE =
      (target, keys) -> {
        List<String> assignments = new ArrayList<>();
        target.sensitiveColumns().forEach(c -> assignments.add(c.quoted() + " = NULL"));
        return "UPDATE "
            + target.qualifiedTable()
            + " SET "
            + String.join(", ", assignments)
            + " WHERE "
            + keys;
      };

  private final Connection connection;
  private final TableTarget target;
  private final BoundSql predicate;
  private final Change change;
  private final boolean autoCommit;
  private final int isolation;
  private final boolean deleteReturning;

  JdbcKeyBatches(Connection connection, TableTarget target, BoundSql predicate, Change change)
      throws SQLException {
    this.connection = connection;
    this.target = target;
    this.predicate = predicate;
    this.change = change;
    this.autoCommit = connection.getAutoCommit();
    this.isolation = connection.getTransactionIsolation();
    this.deleteReturning = change == DELETE && ServerFeatures.deleteReturning(connection);
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
  }

  @Override
  public List<Object> nextKeys(Object afterKey, int limit) throws SQLException {
    String key = target.key().quoted();
    Object from = afterKey;
    if (from == null) {
      // Start at the smallest key rather than with "key IS NOT NULL": a range on the key makes the
      // optimizer walk
      // the key's index in order, instead of sorting every due row by key through the timestamp's
      // index first.
      // A NULL key (possible in a unique index) is below every range, so such rows are never
      // changed.
      from = smallestKey();
      if (from == null) {
        return List.of();
      }
    }
    String sql =
        "SELECT "
            + key
            + " FROM "
            + target.qualifiedTable()
            + " WHERE "
            + key
            + (afterKey == null ? " >= ?" : " > ?")
            + " AND ("
            + predicate.sql()
            + ") ORDER BY "
            + key
            + " LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, from);
      int index = predicate.bind(statement, 2);
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

  /**
   * MariaDB 10.5+: {@code DELETE ... WHERE key > ? AND (predicate) ORDER BY key LIMIT n RETURNING
   * key}. The rows are read once, and the predicate is decided by the statement that deletes, under
   * the row's lock: no window at all between choosing a row and deleting it.
   */
  @Override
  public List<Object> changeNext(Object afterKey, int limit) throws SQLException {
    if (!deleteReturning) {
      return null;
    }
    String key = target.key().quoted();
    Object from = afterKey == null ? smallestKey() : afterKey;
    if (from == null) {
      return List.of();
    }
    String sql =
        "DELETE FROM "
            + target.qualifiedTable()
            + " WHERE "
            + key
            + (afterKey == null ? " >= ?" : " > ?")
            + " AND ("
            + predicate.sql()
            + ") ORDER BY "
            + key
            + " LIMIT ? RETURNING "
            + key;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, from);
      int index = predicate.bind(statement, 2);
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

  private Object smallestKey() throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT MIN(" + target.key().quoted() + ") FROM " + target.qualifiedTable());
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getObject(1) : null;
    }
  }

  @Override
  public int change(List<Object> keys) throws SQLException {
    if (keys.isEmpty()) {
      return 0;
    }
    String key = target.key().quoted();
    String sql =
        change.statementFor(target, key + " >= ? AND " + key + " <= ?")
            + " AND ("
            + predicate.sql()
            + ") ORDER BY "
            + key
            + " LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, keys.get(0));
      statement.setObject(2, keys.get(keys.size() - 1));
      int index = predicate.bind(statement, 3);
      statement.setInt(index, keys.size());
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
