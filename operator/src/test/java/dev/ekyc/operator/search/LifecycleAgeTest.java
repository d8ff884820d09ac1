package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LifecycleAgeTest {

  @Test
  void usesTheLargestExactUnit() {
    assertThat(LifecycleAge.render(Duration.ofDays(731))).isEqualTo("731d");
    assertThat(LifecycleAge.render(Duration.ofHours(3))).isEqualTo("3h");
    assertThat(LifecycleAge.render(Duration.ofMinutes(135))).isEqualTo("135m");
  }

  @Test
  void aDayPlusAnHourIsNotRoundedDownToDays() {
    assertThat(LifecycleAge.render(Duration.ofDays(730).plusHours(1))).isEqualTo("17521h");
  }

  @Test
  void partsOfAMinuteRoundUp() {
    assertThat(LifecycleAge.render(Duration.ofSeconds(90))).isEqualTo("2m");
    assertThat(LifecycleAge.render(Duration.ofNanos(1))).isEqualTo("1m");
    assertThat(LifecycleAge.render(Duration.ofDays(1).plusSeconds(1))).isEqualTo("1441m");
  }

  @Test
  void neverRendersLessThanTheAgeNorAMinuteMore() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      Duration age =
          Duration.ofSeconds(1 + random.nextInt(800 * 86_400), random.nextInt(1_000_000_000));
      Duration rendered = LifecycleAge.parse(LifecycleAge.render(age));
      assertThat(rendered).as("rendered %s", age).isGreaterThanOrEqualTo(age);
      assertThat(rendered).as("rendered %s", age).isLessThan(age.plusMinutes(1));
    }
  }

  @Test
  void refusesAnAgeThatIsNotPositive() {
    assertThatThrownBy(() -> LifecycleAge.render(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LifecycleAge.render(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesWhatServersPrintBack() {
    assertThat(LifecycleAge.parse("0ms")).isEqualTo(Duration.ZERO);
    assertThat(LifecycleAge.parse("24h")).isEqualTo(Duration.ofDays(1));
    assertThat(LifecycleAge.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(LifecycleAge.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(LifecycleAge.parse("seven days")).isNull();
  }
}
