package dev.ekyc.operator.sql;

import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a table's unique key in bounded batches: take the next matching keys, change the rows among
 * them that still match, commit (or, where the table can, change the next matching rows in one
 * statement and learn their keys from it); one transaction per batch, its size given by a {@link
 * BatchSizer} (fixed, or adapting to the measured batch time). Never changes more rows than the
 * budget it is given: a batch that would exceed it is rolled back and the walk fails. Any failure
 * rolls back the open batch, so a run killed or failing half way leaves only whole, committed
 * batches behind.
 */
final class BatchWalker {
  private static final Logger log = LoggerFactory.getLogger(BatchWalker.class);

  record Outcome(long rows, long batches) {}

  private final String table;
  private final BatchSizer sizer;
  private final int progressEveryBatches;
  private TimeLeft timeLeft = TimeLeft.unknown();

  BatchWalker(String table, int batchSize, int progressEveryBatches) {
    this(table, checked(batchSize, progressEveryBatches), progressEveryBatches);
  }

  BatchWalker(String table, BatchSizer sizer, int progressEveryBatches) {
    if (progressEveryBatches < 1) {
      throw new IllegalArgumentException("batch size and progress interval must be at least 1");
    }
    this.table = table;
    this.sizer = sizer;
    this.progressEveryBatches = progressEveryBatches;
  }

  private static BatchSizer checked(int batchSize, int progressEveryBatches) {
    if (batchSize < 1 || progressEveryBatches < 1) {
      throw new IllegalArgumentException("batch size and progress interval must be at least 1");
    }
    return BatchSizer.fixed(batchSize);
  }

  /** Adds an estimate of the rule's time left to the progress lines. */
  BatchWalker reportingTimeLeft(TimeLeft estimate) {
    this.timeLeft = estimate;
    return this;
  }

  Outcome walk(String action, KeyBatches batches, long budget) throws SQLException {
    long started = System.nanoTime();
    long rows = 0;
    long done = 0;
    Object lastKey = null;
    try {
      while (rows < budget) {
        long batchStarted = System.nanoTime();
        int limit = (int) Math.min(sizer.next(), budget - rows);
        List<Object> keys = batches.changeNext(lastKey, limit);
        boolean oneStatement = keys != null;
        if (!oneStatement) {
          keys = batches.nextKeys(lastKey, limit);
        }
        if (keys.isEmpty()) {
          batches.commit();
          break;
        }
        if (keys.size() > limit) {
          throw new SqlPurgeException(
              action
                  + " batch returned "
                  + keys.size()
                  + " keys for a limit of "
                  + limit
                  + " in "
                  + table
                  + ": rolled back");
        }
        int changed = oneStatement ? keys.size() : batches.change(keys);
        if (changed > keys.size()) {
          // At most one row per selected key; a server saying otherwise is rolled back below. With
          // keys at most
          // the limit (checked above) and the limit at most what the budget leaves, this also holds
          // the cap.
          throw new SqlPurgeException(
              action
                  + " batch changed "
                  + changed
                  + " rows for "
                  + keys.size()
                  + " keys in "
                  + table
                  + ": rolled back");
        }
        batches.commit();
        sizer.observe(limit, keys.size(), System.nanoTime() - batchStarted);
        rows += changed;
        done++;
        lastKey = keys.get(keys.size() - 1);
        if (done % progressEveryBatches == 0) {
          double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
          // Counts and rate only: keys can be personal data (an e-mail as key), so they never reach
          // the log.
          log.info(
              "{} {}: {} rows in {} batches, {} rows/s{}",
              table,
              action,
              rows,
              done,
              Math.round(rows / seconds),
              timeLeft.describe(rows, rows / seconds));
        }
        if (keys.size() < limit) {
          break;
        }
      }
    } catch (SQLException | RuntimeException e) {
      batches.rollback();
      throw e;
    }
    return new Outcome(rows, done);
  }
}
