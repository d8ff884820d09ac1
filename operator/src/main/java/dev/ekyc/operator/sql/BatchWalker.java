package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a table's unique key in bounded batches: select the next keys that match the predicate, then change only
 * those rows that still match it (a row that got a hold or consent meanwhile is left alone), one transaction per
 * batch. Never changes more rows than the budget it is given.
 */
final class BatchWalker {
  private static final Logger log = LoggerFactory.getLogger(BatchWalker.class);

  /** Builds the writing statement for a batch of keys; the predicate is appended by the walker. */
  interface Change {
    String statementFor(TableTarget target, String keyList);
  }

  record Outcome(long rows, long batches) {}

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
  private final int batchSize;
  private final int progressEveryBatches;

  BatchWalker(Connection connection, TableTarget target, int batchSize, int progressEveryBatches) {
    this.connection = connection;
    this.target = target;
    this.batchSize = batchSize;
    this.progressEveryBatches = progressEveryBatches;
  }

  Outcome walk(String action, BoundSql predicate, Change change, long budget) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    long started = System.nanoTime();
    long rows = 0;
    long batches = 0;
    Object lastKey = null;
    try {
      while (rows < budget) {
        int limit = (int) Math.min(batchSize, budget - rows);
        List<Object> keys = nextKeys(predicate, lastKey, limit);
        if (keys.isEmpty()) {
          connection.commit();
          break;
        }
        int changed = apply(predicate, change, keys);
        if (rows + changed > budget) {
          // Cannot happen (at most one row per selected key), but never exceed the cap if it does.
          connection.rollback();
          throw new SqlPurgeException(action + " batch changed " + changed + " rows for " + keys.size()
              + " keys in " + target.qualifiedTable() + ": rolled back");
        }
        connection.commit();
        rows += changed;
        batches++;
        lastKey = keys.get(keys.size() - 1);
        if (batches % progressEveryBatches == 0) {
          double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
          log.info("{} {}: {} rows in {} batches, {} rows/s, last key {}", target.qualifiedTable(), action, rows,
              batches, Math.round(rows / seconds), lastKey);
        }
        if (keys.size() < limit) {
          break;
        }
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
    return new Outcome(rows, batches);
  }

  private List<Object> nextKeys(BoundSql predicate, Object lastKey, int limit) throws SQLException {
    String key = target.key().quoted();
    // A NULL key (possible in a unique index) cannot be walked or matched by IN: such rows are never changed.
    String sql = "SELECT " + key + " FROM " + target.qualifiedTable() + " WHERE "
        + (lastKey == null ? key + " IS NOT NULL AND " : key + " > ? AND ") + "(" + predicate.sql() + ") ORDER BY "
        + key + " LIMIT ?";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (lastKey != null) {
        statement.setObject(index++, lastKey);
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

  private int apply(BoundSql predicate, Change change, List<Object> keys) throws SQLException {
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
}
