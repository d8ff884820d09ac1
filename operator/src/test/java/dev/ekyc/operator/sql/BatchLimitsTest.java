package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The smallest settings the engine accepts, and the exact thresholds where batch sizes change. */
class BatchLimitsTest {
  private static final long TARGET = Duration.ofMillis(100).toNanos();

  @Test
  void aCapOfOneRowIsAValidBudget() {
    var budget = new DeletionBudget(1);
    assertThat(budget.dryRun(1, 1)).isEqualTo(new DeletionBudget.Counts(1, 0, true));
  }

  @Test
  void batchesOfOneRowWithProgressEveryBatchWalkTheWholeTable() throws SQLException {
    var table = new InMemoryKeyBatches(3, 0);

    var outcome = new BatchWalker("t", 1, 1).walk("delete", table, 10);

    assertThat(outcome.rows()).isEqualTo(3);
    assertThat(outcome.batches()).isEqualTo(3);
  }

  @Test
  void aProgressIntervalBelowOneIsRefusedForBothConstructors() {
    assertThatThrownBy(() -> new BatchWalker("t", 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchWalker("t", BatchSizer.fixed(5), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new BatchWalker("t", BatchSizer.fixed(5), 1)).isNotNull();
  }

  @Test
  void anAdaptiveSizerMayHaveOneFixedSizeAndTheSmallestLimits() {
    var pinned = new BatchSizer.Adaptive(50, 7, 7, 1);
    assertThat(pinned.next()).isEqualTo(7);
    pinned.observe(7, 7, 0);
    assertThat(pinned.next()).isEqualTo(7);
    assertThat(new BatchSizer.Adaptive(1, 1, 1, 1).next()).isEqualTo(1);
    assertThatThrownBy(() -> new BatchSizer.Adaptive(1, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchSizer.Adaptive(1, 2, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchSizer.Adaptive(1, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exactlyTwiceTheTargetHalvesAndOneNanosecondMoreQuarters() {
    var halved = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    halved.observe(800, 800, 2 * TARGET);
    assertThat(halved.next()).isEqualTo(400);

    var quartered = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    quartered.observe(800, 800, 2 * TARGET + 1);
    assertThat(quartered.next()).isEqualTo(200);
  }

  @Test
  void exactlyTheTargetKeepsTheSizeAndOneNanosecondMoreHalvesIt() {
    var kept = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    kept.observe(800, 800, TARGET);
    assertThat(kept.next()).isEqualTo(800);

    var halved = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    halved.observe(800, 800, TARGET + 1);
    assertThat(halved.next()).isEqualTo(400);
  }

  @Test
  void onlyAFullBatchDoneInUnderHalfTheTargetGrows() {
    var atHalf = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    atHalf.observe(800, 800, TARGET / 2);
    assertThat(atHalf.next()).isEqualTo(800);

    var fast = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    fast.observe(800, 800, TARGET / 2 - 1);
    assertThat(fast.next()).isEqualTo(1600);

    var shortBatch = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    shortBatch.observe(800, 799, 0);
    assertThat(shortBatch.next()).isEqualTo(800);

    var askedLess = new BatchSizer.Adaptive(800, 1, 10_000, TARGET);
    askedLess.observe(799, 799, 0);
    assertThat(askedLess.next()).isEqualTo(800);

    var capped = new BatchSizer.Adaptive(800, 1, 1000, TARGET);
    capped.observe(800, 800, 0);
    assertThat(capped.next()).isEqualTo(1000);
  }

  @Test
  void theWalkerFeedsTheSizerWhatEachBatchAskedAndGot() throws SQLException {
    var seen = new java.util.ArrayList<String>();
    BatchSizer recording =
        new BatchSizer() {
          @Override
          public int next() {
            return 4;
          }

          @Override
          public void observe(int asked, int got, long nanos) {
            seen.add(asked + "/" + got);
          }
        };
    var table = new InMemoryKeyBatches(6, 0);

    new BatchWalker("t", recording, 100).walk("delete", table, 100);

    assertThat(seen).containsExactly("4/4", "4/2");
  }
}
