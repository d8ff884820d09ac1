package dev.ekyc.operator.sql;

import java.time.Duration;

/**
 * The size of the next batch. {@link #fixed} always answers the rule's batch size; {@link
 * #adaptive} starts there and steers by the measured time of each committed batch toward a target:
 * a full batch done in under half the target doubles the next one, a batch over the target halves
 * it (a batch over twice the target divides it by four), always within [min, max]. A transaction is
 * what holds locks against the application, so the target bounds it, not a row count chosen without
 * knowing the table.
 */
interface BatchSizer {

  int next();

  /**
   * After each committed batch: how many keys it asked for, how many it got and how long it took.
   */
  void observe(int asked, int got, long nanos);

  static BatchSizer fixed(int size) {
    return new BatchSizer() {
      @Override
      public int next() {
        return size;
      }

      @Override
      public void observe(int asked, int got, long nanos) {}
    };
  }

  static BatchSizer adaptive(int start, int min, int max, Duration target) {
    return new Adaptive(start, min, max, target.toNanos());
  }

  final class Adaptive implements BatchSizer {
    private final int min;
    private final int max;
    private final long targetNanos;
    private int size;

    Adaptive(int start, int min, int max, long targetNanos) {
      if (min < 1 || max < min || targetNanos <= 0) {
        throw new IllegalArgumentException("need 1 <= min <= max and a positive target");
      }
      this.min = min;
      this.max = max;
      this.targetNanos = targetNanos;
      this.size = Math.max(min, Math.min(max, start));
    }

    @Override
    public int next() {
      return size;
    }

    @Override
    public void observe(int asked, int got, long nanos) {
      if (nanos > 2 * targetNanos) {
        size = Math.max(min, size / 4);
      } else if (nanos > targetNanos) {
        size = Math.max(min, size / 2);
      } else if (got >= asked && asked >= size && nanos < targetNanos / 2) {
        // Grow only on a full batch of the current size: a short last batch says nothing about
        // speed.
        size = (int) Math.min(max, 2L * size);
      }
    }
  }
}
