package dev.ekyc.operator.jobrun;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;

/**
 * When a run Lease may be taken: it is free when nobody holds it, or when its holder has not
 * renewed it within its duration (that run died, e.g. kill -9 or a node loss). Times come from the
 * Lease itself (written by the holder's clock) and this process's clock; a skew between the two
 * shifts when a dead run's Lease is taken, never whether a live one is respected, as long as the
 * skew stays below the duration.
 */
final class LeaseTerms {
  private LeaseTerms() {}

  static boolean free(LeaseSpec spec, Instant now) {
    if (spec == null || spec.getHolderIdentity() == null || spec.getHolderIdentity().isBlank()) {
      return true;
    }
    return expiry(spec).map(e -> !now.isBefore(e)).orElse(true);
  }

  /** Renew (or acquire) time plus duration; empty when the Lease carries neither time. */
  static java.util.Optional<Instant> expiry(LeaseSpec spec) {
    ZonedDateTime last = spec.getRenewTime() != null ? spec.getRenewTime() : spec.getAcquireTime();
    if (last == null) {
      return java.util.Optional.empty();
    }
    int seconds = spec.getLeaseDurationSeconds() == null ? 0 : spec.getLeaseDurationSeconds();
    return java.util.Optional.of(last.toInstant().plus(Duration.ofSeconds(seconds)));
  }
}
