package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({"15m,PT15M", "2h,PT2H", "30d,PT720H", "730d,PT17520H", "999999d,PT23999976H"})
  void parsesOneNumberAndOneUnit(String text, Duration expected) {
    assertThat(DurationText.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2y",
        "1M",
        "0h",
        "1.5d",
        "-1d",
        "2h30m",
        "",
        " ",
        "d",
        "12",
        "01d",
        "1w",
        "1000000d"
      })
  void rejectsAnythingElseSayingWhatIsAllowed(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m, h or d");
  }

  @ParameterizedTest
  @CsvSource({
    "PT2H15M,2h15m",
    "PT721H,30d1h",
    "PT17520H,730d",
    "PT0S,0m",
    "PT26H,1d2h",
    "PT90S,1m30s"
  })
  void formatsLargestUnitFirst(Duration d, String expected) {
    assertThat(DurationText.format(d)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"15m", "2h", "30d", "730d"})
  void formatRoundTripsParse(String text) {
    assertThat(DurationText.format(DurationText.parse(text))).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void aMissingDurationPrintsAsADash() {
    assertThat(DurationText.format(null)).isEqualTo("-");
  }

  @ParameterizedTest
  @CsvSource({
    "PT23999976H,999999d",
    "PT24000000H,1000000d-too-long",
    "PT999999H,999999h",
    "PT1H,1h",
    "PT105M,105m"
  })
  void theLongestDurationsTheApiCanWriteUseTheLargestExactUnit(Duration d, String expected) {
    // 999999 is the largest number the API accepts in one field; a million days has no API form at
    // all.
    assertThat(DurationText.apiText(d)).isEqualTo(expected.endsWith("-too-long") ? null : expected);
  }
}
