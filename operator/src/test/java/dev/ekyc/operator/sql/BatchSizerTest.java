package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The adaptive batch size steers by measured batch time and stays within its bounds. */
class BatchSizerTest {
  private static final long TARGET = Duration.ofMillis(200).toNanos();

  private static BatchSizer sizer() {
    return BatchSizer.adaptive(1000, 100, 8000, Duration.ofNanos(TARGET));
  }

  @Test
  void aFastFullBatchDoublesTheNextUpToTheMaximum() {
    BatchSizer sizer = sizer();
    for (int expected : new int[] {2000, 4000, 8000, 8000}) {
      sizer.observe(sizer.next(), sizer.next(), TARGET / 4);
      assertThat(sizer.next()).isEqualTo(expected);
    }
  }

  @Test
  void aShortBatchOrOneNearTheTargetKeepsTheSize() {
    BatchSizer sizer = sizer();
    sizer.observe(1000, 10, TARGET / 10); // the table's last keys: says nothing about speed
    sizer.observe(1000, 1000, TARGET * 3 / 4);
    sizer.observe(500, 500, TARGET / 10); // the budget asked for less than the size
    assertThat(sizer.next()).isEqualTo(1000);
  }

  @Test
  void aSlowBatchShrinksTheNextDownToTheMinimum() {
    BatchSizer sizer = sizer();
    sizer.observe(1000, 1000, TARGET + 1);
    assertThat(sizer.next()).isEqualTo(500);
    sizer.observe(500, 500, 2 * TARGET + 1);
    assertThat(sizer.next()).isEqualTo(125);
    sizer.observe(125, 125, 10 * TARGET);
    assertThat(sizer.next()).isEqualTo(100);
  }

  @Test
  void startsWithinTheBoundsAndRefusesImpossibleOnes() {
    assertThat(BatchSizer.adaptive(50, 100, 8000, Duration.ofMillis(1)).next()).isEqualTo(100);
    assertThat(BatchSizer.adaptive(9000, 100, 8000, Duration.ofMillis(1)).next()).isEqualTo(8000);
    assertThatThrownBy(() -> BatchSizer.adaptive(10, 0, 10, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchSizer.adaptive(10, 20, 10, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFixedSizerNeverChanges() {
    BatchSizer sizer = BatchSizer.fixed(7);
    sizer.observe(7, 7, 1);
    sizer.observe(7, 7, Long.MAX_VALUE);
    assertThat(sizer.next()).isEqualTo(7);
  }
}
