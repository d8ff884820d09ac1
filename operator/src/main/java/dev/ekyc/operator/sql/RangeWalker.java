package dev.ekyc.operator.sql;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a {@link KeySpan} in consecutive ranges, one transaction each, the range width given by a
 * {@link BatchSizer} and never wider than what the budget leaves: with a key unique by itself a
 * range of n values holds at most n rows, so the cap holds without reading keys first. A range that
 * reports more changed rows than it has values is rolled back and the walk fails (the key was not
 * unique after all); any failure rolls back the open range, so a run killed half way leaves only
 * whole, committed ranges behind.
 */
final class RangeWalker {
  private static final Logger log = LoggerFactory.getLogger(RangeWalker.class);

  private final String table;
  private final BatchSizer sizer;
  private final int progressEveryBatches;

  RangeWalker(String table, BatchSizer sizer, int progressEveryBatches) {
    if (progressEveryBatches < 1) {
      throw new IllegalArgumentException("progress interval must be at least 1");
    }
    this.table = table;
    this.sizer = sizer;
    this.progressEveryBatches = progressEveryBatches;
  }

  BatchWalker.Outcome walk(String action, KeySpan span, RangeChanges changes, long budget)
      throws SQLException {
    long started = System.nanoTime();
    long rows = 0;
    long done = 0;
    long from = span.min();
    try {
      while (rows < budget) {
        long batchStarted = System.nanoTime();
        long width = Math.min(sizer.next(), budget - rows);
        // A dense span (KeySpan.denseFor) is far below 2^63 values, so max - from cannot overflow.
        long to = span.max() - from < width ? span.max() : from + width - 1;
        int changed = changes.change(from, to);
        // to - from + 1 <= width <= budget - rows: a range that keeps to its values keeps to the
        // cap.
        if (changed < 0 || changed > to - from + 1) {
          throw new SqlPurgeException(
              action
                  + " of keys "
                  + from
                  + ".."
                  + to
                  + " in "
                  + table
                  + " changed "
                  + changed
                  + " rows, more than the range has values: rolled back");
        }
        changes.commit();
        // The whole width was asked and walked: a fast range says the next may be wider.
        sizer.observe((int) width, (int) width, System.nanoTime() - batchStarted);
        rows += changed;
        done++;
        if (done % progressEveryBatches == 0) {
          log.info(
              "{} {}: {} rows in {} ranges, {} rows/s",
              table,
              action,
              rows,
              done,
              rate(rows, started));
        }
        if (to == span.max()) {
          break;
        }
        from = to + 1;
      }
    } catch (SQLException | RuntimeException e) {
      changes.rollback();
      throw e;
    }
    return new BatchWalker.Outcome(rows, done);
  }

  private static long rate(long rows, long startedNanos) {
    return Math.round(rows / Math.max((System.nanoTime() - startedNanos) / 1e9, 1e-3));
  }
}
