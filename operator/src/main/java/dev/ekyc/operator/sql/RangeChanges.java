package dev.ekyc.operator.sql;

import java.sql.SQLException;

/**
 * What the range walker needs from a table: change the rows of a key range that match the
 * predicate, and the transaction around each range. Kept apart from JDBC so the walker's cap and
 * transaction rules are tested without a server; {@link JdbcRangeChanges} is the real one.
 */
interface RangeChanges {

  /** Changes the rows with {@code from <= key <= to} that match; returns how many rows changed. */
  int change(long from, long to) throws SQLException;

  void commit() throws SQLException;

  void rollback() throws SQLException;
}
