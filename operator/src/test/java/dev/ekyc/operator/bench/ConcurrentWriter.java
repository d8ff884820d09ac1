package dev.ekyc.operator.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;

/**
 * An application writing to the table while it is purged: single-row autocommit UPDATEs of random
 * seed rows (due or not, so it meets the purge's locks) and, every tenth statement, an INSERT of a
 * young row. The longest statement is the longest lock wait it saw. It touches only the {@code
 * touches} column and new ids, which the survivor check leaves out, so it never changes what must
 * survive.
 */
final class ConcurrentWriter implements AutoCloseable {
  private final Connection connection;
  private final String table;
  private final long seedRows;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long longestNanos;
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  private volatile long statements;
  private volatile long timeouts;
  private volatile Exception failure;

  ConcurrentWriter(Connection connection, String table, long seedRows) {
    this.connection = connection;
    this.table = table;
    this.seedRows = seedRows;
    this.thread = new Thread(this::write, "writer");
    thread.setDaemon(true);
    thread.start();
  }

  private void write() {
    Random random = new Random(42);
    try (PreparedStatement update =
            connection.prepareStatement(
                "UPDATE `" + table + "` SET touches = touches + 1 WHERE id = ?");
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO `"
                    + table
                    + "` (created_at, legal_hold, payload) VALUES (UTC_TIMESTAMP(6), FALSE, 'writer')")) {
      while (running) {
        long started = System.nanoTime();
        try {
          if (statements % 10 == 9) {
            insert.executeUpdate();
          } else {
            update.setLong(1, 1 + (long) (random.nextDouble() * seedRows));
            update.executeUpdate();
          }
        } catch (SQLException e) {
          if (e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
            throw e;
          }
          timeouts++; // waited innodb_lock_wait_timeout: counted, and the wait is in longestNanos
        }
        longestNanos = Math.max(longestNanos, System.nanoTime() - started);
        statements++;
        Thread.sleep(2); // an application's pace, not a second load generator
      }
    } catch (SQLException | InterruptedException e) {
      failure = e;
    }
  }

  double longestWaitMillis() {
    return longestNanos / 1e6;
  }

  long timeouts() {
    return timeouts;
  }

  long statements() {
    return statements;
  }

  @Override
  public void close() throws Exception {
    running = false;
    thread.join();
    if (failure != null) {
      throw failure;
    }
  }
}
