package dev.ekyc.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ekyc_deletion_overdue_seconds from two sources, and ekyc_data_oldest_age_seconds. */
class PolicyMetricsOverdueTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PolicyMetrics metrics = new PolicyMetrics(registry);

  private double gauge(String name, String rule) {
    var g = registry.find(name).tag("namespace", "ns").tag("policy", "p").tag("rule", rule).gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  void overdueIsTheLargerOfTheJobsAndTheObservedValue() {
    metrics.overdue("ns", "p", Map.of("a", 10L));
    metrics.overdueObserved("ns", "p", Map.of("a", 500L, "b", 0L));
    assertThat(gauge(PolicyMetrics.OVERDUE, "a")).isEqualTo(500.0);
    assertThat(gauge(PolicyMetrics.OVERDUE, "b")).isZero();

    metrics.overdueObserved("ns", "p", Map.of("a", 0L));
    assertThat(gauge(PolicyMetrics.OVERDUE, "a")).as("the jobs' value remains").isEqualTo(10.0);
    assertThat(gauge(PolicyMetrics.OVERDUE, "b"))
        .as("reported by neither source: gone")
        .isEqualTo(-1);

    metrics.removeJob("ns", "p");
    assertThat(gauge(PolicyMetrics.OVERDUE, "a")).as("the observed value remains").isZero();
  }

  @Test
  void oldestAgeFollowsTheLastReadingAndGoesWithThePolicy() {
    metrics.oldest("ns", "p", Map.of("a", 3600L, "b", 60L));
    assertThat(gauge(PolicyMetrics.OLDEST, "a")).isEqualTo(3600.0);
    metrics.oldest("ns", "p", Map.of("a", 7200L));
    assertThat(gauge(PolicyMetrics.OLDEST, "a")).isEqualTo(7200.0);
    assertThat(gauge(PolicyMetrics.OLDEST, "b")).isEqualTo(-1);
    metrics.removePolicy("ns", "p");
    assertThat(gauge(PolicyMetrics.OLDEST, "a")).isEqualTo(-1);
    assertThat(gauge(PolicyMetrics.OVERDUE, "a")).isEqualTo(-1);
  }
}
