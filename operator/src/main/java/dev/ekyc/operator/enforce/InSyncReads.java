package dev.ekyc.operator.enforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last read of each store's backend configuration that found it exactly as planned, so that the
 * other policies of the store reuse it within one drift interval instead of reading the bucket
 * again: one drift cycle reads each store once, not once per policy. Only an all-in-sync read with
 * nothing written is kept, and only for the same desired state (the store's plan, credentials and
 * --dry-run, compared as values): any difference, any drift, any change of the plan reads the
 * backend again. Each policy still re-checks every drift interval; the bucket is read at least once
 * in every {@code reuseWithin} while policies reconcile.
 */
final class InSyncReads {
  private record Entry(Object desired, StoreOutcome outcome) {}

  private final ConcurrentHashMap<String, Entry> byStore = new ConcurrentHashMap<>();
  private final Duration reuseWithin;
  private final Clock clock;

  /** {@code reuseWithin} zero: never reuse (every check reads). */
  InSyncReads(Duration reuseWithin, Clock clock) {
    this.reuseWithin = reuseWithin;
    this.clock = clock;
  }

  /**
   * The outcome of a recent all-in-sync read of {@code store} for the same desired state, if any.
   */
  Optional<StoreOutcome> recent(String store, Object desired) {
    if (reuseWithin.isZero()) {
      return Optional.empty();
    }
    Entry entry = byStore.get(store);
    if (entry == null
        || !entry.desired().equals(desired)
        || entry.outcome().readAt().plus(reuseWithin).isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(entry.outcome());
  }

  /**
   * Keeps {@code outcome} when its pass found the backend exactly as desired ({@code
   * changedOrDiffers} false) and every check in sync; otherwise forgets the store.
   */
  void record(String store, Object desired, StoreOutcome outcome, boolean changedOrDiffers) {
    boolean inSync =
        !changedOrDiffers
            && outcome.removed().isEmpty()
            && outcome.checks().values().stream()
                .flatMap(java.util.List::stream)
                .allMatch(c -> c.state() == MechanismState.InSync);
    if (inSync && !reuseWithin.isZero()) {
      byStore.put(store, new Entry(desired, outcome));
    } else {
      byStore.remove(store);
    }
  }

  Instant now() {
    return clock.instant();
  }
}
