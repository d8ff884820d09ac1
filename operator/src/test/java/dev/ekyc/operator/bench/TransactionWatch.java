package dev.ekyc.operator.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Measures the longest transaction of a run from the server's side, whoever runs it (the engine,
 * pt-archiver, one DELETE): polls information_schema.INNODB_TRX and keeps, per transaction, the
 * time between its first and last sighting. trx_started has whole-second resolution only, hence the
 * sightings. InnoDB refreshes that table's cache only when it was last read more than 0.1 s ago, so
 * polls are {@link #POLL_MS} ms apart: a figure is short by at most two intervals, and a
 * transaction under 0.1 s may not be seen at all (it shows as 0).
 *
 * <p>trx_id alone does not identify a transaction: until it writes, a transaction shows 0 (or a
 * per-connection number that the next transaction of the same connection shows again), and only its
 * first write gives it its own id. A connection's sightings are one transaction while it is seen in
 * consecutive polls with the same trx_started, a trx_rows_modified that does not go down, and the
 * same id (or a first real id after a reading one). Two quick reading-only transactions in the same
 * second can still merge, so a figure may run long, never short. Transactions of the given
 * connection ids (the writer, this watch) are ignored.
 */
final class TransactionWatch implements AutoCloseable {
  static final long POLL_MS = 101;

  private final Connection connection;
  private final Set<Long> ignoredThreads;
  private final Map<Long, Sighting> seen = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private long polls;
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
        polls++;
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT trx_mysql_thread_id, trx_started, trx_rows_modified,"
                    + " trx_id FROM information_schema.INNODB_TRX")) {
          while (rows.next()) {
            long thread = rows.getLong(1);
            if (ignoredThreads.contains(thread)) {
              continue;
            }
            String started = rows.getString(2);
            long modified = rows.getLong(3);
            long id = rows.getLong(4);
            Sighting last = seen.get(thread);
            boolean same =
                last != null
                    && last.poll == polls - 1
                    && last.started.equals(started)
                    && modified >= last.modified
                    && (id == last.id || (!writing(last.id) && writing(id)));
            Sighting current =
                same
                    ? new Sighting(last.first, now, polls, started, modified, id)
                    : new Sighting(now, now, polls, started, modified, id);
            seen.put(thread, current);
            longestNanos = Math.max(longestNanos, current.last - current.first);
          }
        }
        Thread.sleep(POLL_MS);
      }
    } catch (SQLException | InterruptedException e) {
      failure = e;
    }
  }

  private record Sighting(
      long first, long last, long poll, String started, long modified, long id) {}

  /**
   * A transaction's own id, given at its first write; 0 or a number above 2^48 mean "has not
   * written".
   */
  private static boolean writing(long id) {
    return id > 0 && id < (1L << 48);
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
