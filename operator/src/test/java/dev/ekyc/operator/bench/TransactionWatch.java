package dev.ekyc.operator.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Measures the longest transaction of a run from the server's side, whoever runs it (the engine, pt-archiver,
 * one DELETE): polls information_schema.INNODB_TRX and keeps, per transaction, the time between its first and last
 * sighting. trx_started has whole-second resolution only, hence the sightings. InnoDB refreshes that table's cache
 * only when it was last read more than 0.1 s ago, so polls are {@link #POLL_MS} ms apart: a figure is a lower
 * bound, short by at most two intervals, and a transaction under 0.1 s may not be seen at all (it shows as 0).
 * Transactions of the given connection ids (the writer, this watch) are ignored.
 */
final class TransactionWatch implements AutoCloseable {
  static final long POLL_MS = 101;

  private final Connection connection;
  private final Set<Long> ignoredThreads;
  private final Map<String, long[]> seen = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long longestNanos;
  private volatile Exception failure;

  TransactionWatch(Connection connection, Set<Long> ignoredThreads) {
    this.connection = connection;
    this.ignoredThreads = ignoredThreads;
    this.thread = new Thread(this::poll, "trx-watch");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try (Statement statement = connection.createStatement()) {
      while (running) {
        long now = System.nanoTime();
        try (ResultSet rows = statement.executeQuery(
            "SELECT trx_id, trx_mysql_thread_id FROM information_schema.INNODB_TRX")) {
          while (rows.next()) {
            if (ignoredThreads.contains(rows.getLong(2))) {
              continue;
            }
            long[] span = seen.computeIfAbsent(rows.getString(1), k -> new long[] {now, now});
            span[1] = now;
            longestNanos = Math.max(longestNanos, span[1] - span[0]);
          }
        }
        Thread.sleep(POLL_MS);
      }
    } catch (SQLException | InterruptedException e) {
      failure = e;
    }
  }

  /** The longest transaction seen, in milliseconds. */
  double longestMillis() {
    return longestNanos / 1e6;
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
