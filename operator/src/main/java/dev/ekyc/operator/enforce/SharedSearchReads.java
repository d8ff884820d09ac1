package dev.ekyc.operator.enforce;

import dev.ekyc.operator.search.SearchTransport;
import dev.ekyc.operator.search.SharedClusterReads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The shared reads of each search store ({@link SharedClusterReads}) for one drift interval: the
 * checks of a store's policies within {@code reuseWithin} read the cluster's policy and template
 * listings once between them. Kept only for the same desired state (the store's plan, credentials
 * digest, --dry-run, location, compared as values), and only while every check answered from them
 * found its policy in sync: the owner forgets the location's shared reads before and after every
 * check against the cluster itself, so a read is never reused across a write or a drift.
 */
final class SharedSearchReads {
  record Reads(Instant since, SharedClusterReads transport) {}

  private record Entry(String location, Object desired, Reads reads) {}

  private final ConcurrentHashMap<String, Entry> byStore = new ConcurrentHashMap<>();
  private final Duration reuseWithin;
  private final Clock clock;

  /** {@code reuseWithin} zero: never share (every check reads for itself, as before). */
  SharedSearchReads(Duration reuseWithin, Clock clock) {
    this.reuseWithin = reuseWithin;
    this.clock = clock;
  }

  /**
   * The store's shared reads for {@code desired}: the current ones while young enough, or new ones
   * over {@code cluster} (reading nothing yet). Empty when sharing is off.
   */
  Optional<Reads> forStore(
      String store,
      String location,
      Object desired,
      String ownedPrefix,
      Supplier<SearchTransport> cluster) {
    if (reuseWithin.isZero()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Entry entry =
        byStore.compute(
            store,
            (key, old) ->
                old != null
                        && old.desired().equals(desired)
                        && !old.reads().since().plus(reuseWithin).isBefore(now)
                    ? old
                    : new Entry(
                        location,
                        desired,
                        new Reads(now, new SharedClusterReads(cluster.get(), ownedPrefix))));
    return Optional.of(entry.reads());
  }

  /**
   * Drops the shared reads of every store on {@code location} (two DataStores may name one
   * cluster): the next check reads the cluster again.
   */
  void forgetLocation(String location) {
    byStore.values().removeIf(entry -> entry.location().equals(location));
  }
}
