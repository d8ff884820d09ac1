package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Range walking is used only while ranges are mostly full of rows; small tables always qualify. */
class KeySpanTest {

  @Test
  void valuesCountBothEnds() {
    assertThat(new KeySpan(5, 5).values()).isEqualTo(1);
    assertThat(new KeySpan(-3, 3).values()).isEqualTo(7);
  }

  @Test
  void aSpanBeyondLongRangeSaturates() {
    assertThat(new KeySpan(Long.MIN_VALUE, Long.MAX_VALUE).values()).isEqualTo(Long.MAX_VALUE);
    assertThat(new KeySpan(Long.MIN_VALUE, Long.MAX_VALUE).denseFor(Long.MAX_VALUE)).isTrue();
    assertThat(new KeySpan(Long.MIN_VALUE, Long.MAX_VALUE).denseFor(1_000_000_000)).isFalse();
  }

  @Test
  void upToFourValuesPerRowPlusTenThousandIsDense() {
    long rows = 1_000_000;
    long allowed = 4 * rows + 10_000;
    assertThat(new KeySpan(1, allowed).denseFor(rows)).isTrue();
    assertThat(new KeySpan(1, allowed + 1).denseFor(rows)).isFalse();
    assertThat(new KeySpan(0, 9_999).denseFor(0))
        .as("a small table, whatever its density")
        .isTrue();
    assertThat(new KeySpan(0, 10_000).denseFor(0)).isFalse();
    assertThat(new KeySpan(0, 10_000).denseFor(-5))
        .as("a negative estimate counts as none")
        .isFalse();
  }

  @Test
  void theLargestEstimateThatCannotOverflowStillCountsExactly() {
    long rows = (Long.MAX_VALUE - KeySpan.SMALL_TABLE_VALUES) / KeySpan.MAX_VALUES_PER_ROW;
    long allowed = KeySpan.MAX_VALUES_PER_ROW * rows + KeySpan.SMALL_TABLE_VALUES;
    assertThat(new KeySpan(1, allowed).denseFor(rows)).isTrue();
    assertThat(new KeySpan(0, allowed).denseFor(rows)).as("one value more than allowed").isFalse();
    assertThat(new KeySpan(0, allowed).denseFor(rows + 1)).as("past it, any span").isTrue();
  }

  @Test
  void aReversedSpanIsRefused() {
    assertThatThrownBy(() -> new KeySpan(2, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
