package dev.ekyc.operator.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.search.SearchResponse;
import dev.ekyc.operator.search.SearchTransport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A search store's shared reads answer its policies' checks only within the window and for the same
 * desired state.
 */
class SharedSearchReadsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** A clock the test moves. */
  private static final class Hands extends Clock {
    Instant now = T0;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /**
   * Counts the transports opened; none is ever sent a request here (forStore reads nothing by
   * itself).
   */
  private static final class Opened implements Supplier<SearchTransport> {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public SearchTransport get() {
      count.incrementAndGet();
      return request -> new SearchResponse(500, "{\"error\":\"this test sends nothing\"}");
    }
  }

  private static Object desired(String plan, String credentialsDigest, boolean dryRun) {
    return List.of(plan, credentialsDigest, dryRun, "es:9200", "http://es:9200", "Elasticsearch");
  }

  @Test
  void theSameReadsAnswerTheStoresChecksWithinTheWindowForTheSameDesiredStateOnly() {
    Hands clock = new Hands();
    Opened opened = new Opened();
    SharedSearchReads shared = new SharedSearchReads(Duration.ofSeconds(27), clock);
    var first =
        shared
            .forStore("ns/es", "es:9200", desired("plan-1", "key-a", false), "p_", opened)
            .orElseThrow();
    clock.now = T0.plusSeconds(27);
    assertThat(shared.forStore("ns/es", "es:9200", desired("plan-1", "key-a", false), "p_", opened))
        .contains(first);
    assertThat(first.since()).isEqualTo(T0);
    assertThat(opened.count).hasValue(1);

    assertThat(
            shared
                .forStore("ns/other", "es:9200", desired("plan-1", "key-a", false), "p_", opened)
                .orElseThrow())
        .as("another store")
        .isNotEqualTo(first);
    var replanned =
        shared
            .forStore("ns/es", "es:9200", desired("plan-2", "key-a", false), "p_", opened)
            .orElseThrow();
    assertThat(replanned).as("another plan").isNotEqualTo(first);
    var rekeyed =
        shared
            .forStore("ns/es", "es:9200", desired("plan-2", "key-b", false), "p_", opened)
            .orElseThrow();
    assertThat(rekeyed).as("other credentials").isNotEqualTo(replanned);
    var dryRun =
        shared
            .forStore("ns/es", "es:9200", desired("plan-2", "key-b", true), "p_", opened)
            .orElseThrow();
    assertThat(dryRun).as("--dry-run").isNotEqualTo(rekeyed);
    assertThat(opened.count).hasValue(5);
  }

  @Test
  void readsOlderThanTheWindowOrForgottenAreReadAgain() {
    Hands clock = new Hands();
    Opened opened = new Opened();
    SharedSearchReads shared = new SharedSearchReads(Duration.ofSeconds(27), clock);
    var first =
        shared
            .forStore("ns/es", "es:9200", desired("plan", "key", false), "p_", opened)
            .orElseThrow();
    clock.now = T0.plusSeconds(28);
    var later =
        shared
            .forStore("ns/es", "es:9200", desired("plan", "key", false), "p_", opened)
            .orElseThrow();
    assertThat(later).as("older than the window").isNotEqualTo(first);
    assertThat(later.since()).isEqualTo(T0.plusSeconds(28));

    var otherStoreSameCluster =
        shared
            .forStore("ns/es2", "es:9200", desired("plan", "key", false), "p_", opened)
            .orElseThrow();
    var otherCluster =
        shared
            .forStore("ns/os", "os:9200", desired("plan", "key", false), "p_", opened)
            .orElseThrow();
    shared.forgetLocation("es:9200");
    assertThat(
            shared
                .forStore("ns/es", "es:9200", desired("plan", "key", false), "p_", opened)
                .orElseThrow())
        .as("forgotten after a difference, a write or a removal")
        .isNotEqualTo(later);
    assertThat(
            shared
                .forStore("ns/es2", "es:9200", desired("plan", "key", false), "p_", opened)
                .orElseThrow())
        .as("another DataStore on the same cluster")
        .isNotEqualTo(otherStoreSameCluster);
    assertThat(shared.forStore("ns/os", "os:9200", desired("plan", "key", false), "p_", opened))
        .as("another cluster")
        .contains(otherCluster);
    assertThat(opened.count).hasValue(6);
  }

  @Test
  void aZeroWindowNeverShares() {
    Opened opened = new Opened();
    SharedSearchReads shared = new SharedSearchReads(Duration.ZERO, new Hands());
    assertThat(shared.forStore("ns/es", "es:9200", desired("plan", "key", false), "p_", opened))
        .isEmpty();
    assertThat(opened.count).hasValue(0);
  }
}
