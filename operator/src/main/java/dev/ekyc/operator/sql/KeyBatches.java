package dev.ekyc.operator.sql;

import java.sql.SQLException;
import java.util.List;

/**
 * What the batch walker needs from a table: the next matching keys after a key, a change of the
 * rows of some keys that still match, and the transaction around each batch. Kept apart from JDBC
 * so that the walker's budget and transaction rules are tested without a server; {@link
 * JdbcKeyBatches} is the real one.
 */
interface KeyBatches {

  /**
   * Up to {@code limit} keys that match the predicate, in key order, after {@code afterKey} (null:
   * from the start).
   */
  List<Object> nextKeys(Object afterKey, int limit) throws SQLException;

  /**
   * Changes the rows of {@code keys} that still match the predicate; returns how many rows changed.
   */
  int change(List<Object> keys) throws SQLException;

  /**
   * Selects and changes in one statement where the server can (MariaDB's DELETE ... RETURNING):
   * changes up to {@code limit} matching rows after {@code afterKey} in key order and returns their
   * keys, in key order. Null when this table cannot; then the walker uses {@link #nextKeys} and
   * {@link #change}.
   */
  default List<Object> changeNext(Object afterKey, int limit) throws SQLException {
    return null;
  }

  void commit() throws SQLException;

  void rollback() throws SQLException;
}
