package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The time-left estimate of the SQL progress lines: from the expected rows, the rows done so far
 * and the rate.
 */
class TimeLeftTest {

  @Test
  void rowsLeftAtTheCurrentRate() {
    TimeLeft left = TimeLeft.of(10_000);
    assertThat(left.secondsLeft(2_000, 400.0)).isEqualTo(20);
    assertThat(left.describe(2_000, 400.0)).isEqualTo(", about 20 s left of ~10000 rows");
  }

  @Test
  void anEarlierWalkOfTheRuleCountsAsDone() {
    TimeLeft left = TimeLeft.of(1_000);
    left.walked(600); // erasure
    assertThat(left.secondsLeft(200, 100.0)).isEqualTo(2);
  }

  @Test
  void neverNegativeWhenMoreWasDoneThanExpected() {
    assertThat(TimeLeft.of(10).secondsLeft(50, 10.0)).isZero();
  }

  @Test
  void nothingLeftIsAnEstimateOfZero() {
    assertThat(TimeLeft.of(100).describe(100, 10.0)).isEqualTo(", about 0 s left of ~100 rows");
    assertThat(TimeLeft.of(0).secondsLeft(0, 1.0)).as("nothing due: known, zero").isZero();
  }

  @Test
  void aRateOfZeroGivesNoEstimateButAnyPositiveRateDoes() {
    assertThat(TimeLeft.of(100).secondsLeft(0, 0.0)).isEqualTo(-1);
    assertThat(TimeLeft.of(100).secondsLeft(0, 0.5)).isEqualTo(200);
  }

  @Test
  void unknownOrNoRateGivesNoEstimate() {
    assertThat(TimeLeft.unknown().describe(100, 50.0)).isEmpty();
    assertThat(TimeLeft.of(100).describe(0, 0.0)).isEmpty();
  }
}
