package dev.ekyc.operator.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * InnoDB's purge backlog: deleted rows are only marked by the DELETE; background purge threads
 * remove them later, once no transaction can still see them. A batched purge pays that work while
 * it runs (each committed batch is purged behind it); one unbounded DELETE pays it after its
 * commit, outside its own timing. So each contender starts on a drained backlog (the previous one's
 * purge must not slow it down), and the time its own backlog takes to drain afterwards is reported.
 * The history list length (trx_rseg_history_len) counts committed transactions not yet purged, not
 * rows (one unbounded DELETE is 1), so "drained" is 0; another session's writes on a shared server
 * can keep it above 0, hence the timeout (then -1, and no figure is given).
 */
final class PurgeBacklog {
  private static final long DRAINED = 0;

  /**
   * -Dbench.purgeDrainSeconds: how long to wait for the backlog to drain (the smoke check waits
   * less).
   */
  private static final long TIMEOUT_MS = Long.getLong("bench.purgeDrainSeconds", 60) * 1000;

  private static final long POLL_MS = 100;

  private PurgeBacklog() {}

  /**
   * Seconds until the history list is back under the threshold; -1 if it did not drain within the
   * timeout.
   */
  static double secondsToDrain(Connection connection) throws SQLException, InterruptedException {
    long started = System.nanoTime();
    while (historyLength(connection) > DRAINED) {
      if (System.nanoTime() - started > TIMEOUT_MS * 1_000_000) {
        return -1;
      }
      Thread.sleep(POLL_MS);
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static long historyLength(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT FROM information_schema.INNODB_METRICS WHERE NAME = 'trx_rseg_history_len'")) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }
}
