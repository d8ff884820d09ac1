package dev.ekyc.operator.reconcile.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.reconcile.status.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeScheduleTest {
  private final ProbeSchedule schedule = ProbeSchedule.DEFAULT;
  private final Instant failedAt = Instant.parse("2026-01-01T10:00:00Z");

  private Duration nextAfter(Duration failingFor) {
    var conditions =
        Conditions.withTransitionTimes(
            Conditions.progressing(1, "Unreachable", "x"), List.of(), failedAt);
    return schedule.next(conditions, failedAt.plus(failingFor));
  }

  @Test
  void readyStoresAreReprobedAtTheHealthyInterval() {
    var ready =
        Conditions.withTransitionTimes(Conditions.ready(1, "Probed", "ok"), List.of(), failedAt);
    assertThat(schedule.next(ready, failedAt.plusSeconds(3600))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void failingStoresBackOffAsLongAsTheyHaveFailedWithinBounds() {
    assertThat(nextAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
    assertThat(nextAfter(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    assertThat(nextAfter(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    assertThat(nextAfter(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
    assertThat(nextAfter(Duration.ofHours(3))).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void noConditionsMeansRetrySoon() {
    assertThat(schedule.next(null, failedAt)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void rejectsAMinimumAboveTheMaximum() {
    assertThatThrownBy(
            () ->
                new ProbeSchedule(
                    Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(1)))
        .hasMessageContaining("minRetry");
  }
}
