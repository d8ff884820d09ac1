package dev.ekyc.operator.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store's in-sync read answers its other policies only while nothing could have made it stale.
 */
class InSyncReadsTest {
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

  private static StoreOutcome outcome(MechanismState state, List<String> removed) {
    return new StoreOutcome(
        Map.of(
            "p1",
            List.of(
                new MechanismCheck("p1", "r", "LifecycleRule", "id", true, state, "", List.of()))),
        removed,
        T0);
  }

  @Test
  void anInSyncReadIsReusedForTheSameDesiredStateWithinTheWindowOnly() {
    Hands clock = new Hands();
    InSyncReads reads = new InSyncReads(Duration.ofSeconds(27), clock);
    StoreOutcome read = outcome(MechanismState.InSync, List.of());
    reads.record("ns/s", "plan-1", read, false);

    clock.now = T0.plusSeconds(27);
    assertThat(reads.recent("ns/s", "plan-1")).contains(read);
    assertThat(reads.recent("ns/s", "plan-2")).as("another desired state").isEmpty();
    assertThat(reads.recent("ns/other", "plan-1")).as("another store").isEmpty();
    clock.now = T0.plusSeconds(28);
    assertThat(reads.recent("ns/s", "plan-1")).as("older than the window").isEmpty();
  }

  @Test
  void driftWritesAndRemovalsAreNeverReusedAndForgetTheLastRead() {
    Hands clock = new Hands();
    InSyncReads reads = new InSyncReads(Duration.ofSeconds(27), clock);
    reads.record("ns/s", "plan", outcome(MechanismState.InSync, List.of()), false);

    reads.record("ns/s", "plan", outcome(MechanismState.Drifted, List.of()), false);
    assertThat(reads.recent("ns/s", "plan")).as("drift forgets the earlier in-sync read").isEmpty();

    reads.record("ns/s", "plan", outcome(MechanismState.InSync, List.of()), true);
    assertThat(reads.recent("ns/s", "plan")).as("a pass that wrote").isEmpty();

    reads.record("ns/s", "plan", outcome(MechanismState.InSync, List.of("old-rule")), false);
    assertThat(reads.recent("ns/s", "plan")).as("a pass that removed a rule").isEmpty();

    for (MechanismState state :
        List.of(MechanismState.Applied, MechanismState.Corrected, MechanismState.NotApplied)) {
      reads.record("ns/s", "plan", outcome(state, List.of()), false);
      assertThat(reads.recent("ns/s", "plan")).as(state.name()).isEmpty();
    }
  }

  @Test
  void aZeroWindowNeverReuses() {
    InSyncReads reads = new InSyncReads(Duration.ZERO, new Hands());
    reads.record("ns/s", "plan", outcome(MechanismState.InSync, List.of()), false);
    assertThat(reads.recent("ns/s", "plan")).isEmpty();
  }
}
