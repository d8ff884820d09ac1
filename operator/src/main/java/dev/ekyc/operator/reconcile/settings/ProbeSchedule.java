package dev.ekyc.operator.reconcile.settings;

import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * When to probe a store again. A ready store is re-probed at a steady interval (credentials expire,
 * buckets get deleted). A failing one is retried after as long as it has been failing, between
 * {@code minRetry} and {@code maxRetry}: the gaps double, without keeping a counter anywhere but in
 * the status itself.
 */
public record ProbeSchedule(Duration healthyInterval, Duration minRetry, Duration maxRetry) {

  public static final ProbeSchedule DEFAULT =
      new ProbeSchedule(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5));

  public ProbeSchedule {
    if (minRetry.compareTo(maxRetry) > 0) {
      throw new IllegalArgumentException(
          "minRetry " + minRetry + " is longer than maxRetry " + maxRetry);
    }
  }

  public Duration next(List<Condition> conditions, Instant now) {
    if (Conditions.isTrue(conditions, Conditions.READY)) {
      return healthyInterval;
    }
    Duration failingFor =
        Conditions.find(conditions, Conditions.READY)
            .map(Condition::getLastTransitionTime)
            .map(time -> sinceOrZero(time, now))
            .orElse(Duration.ZERO);
    if (failingFor.compareTo(minRetry) < 0) return minRetry;
    if (failingFor.compareTo(maxRetry) > 0) return maxRetry;
    return failingFor;
  }

  private static Duration sinceOrZero(String time, Instant now) {
    try {
      Duration d = Duration.between(Instant.parse(time), now);
      return d.isNegative() ? Duration.ZERO : d;
    } catch (DateTimeParseException e) {
      return Duration.ZERO;
    }
  }
}
