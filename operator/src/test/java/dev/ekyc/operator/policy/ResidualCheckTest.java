package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.LegalBasis;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Promises held against copies outside the live store. */
class ResidualCheckTest {
  private static final ResidualCopy BINLOG_7D =
      new ResidualCopy(
          "binlog",
          ResidualCopy.State.READ,
          Duration.ofDays(7),
          "binlog_expire_logs_seconds=604800",
          null);

  private static RulePlan rule(Promises promises) {
    return new RulePlan(
        "r",
        "c",
        "p",
        LegalBasis.Contract,
        "table t",
        Duration.ofHours(1),
        List.of(),
        Duration.ofHours(2),
        null,
        null,
        "",
        promises);
  }

  @Test
  void theShortestStatedPromiseIsHeldAgainstEachCopy() {
    RulePlan r = rule(new Promises(Duration.ofDays(30), null, Duration.ofHours(2), null, null));
    assertThat(ResidualCheck.shortest(r))
        .isEqualTo(
            new ResidualCheck.Shortest(
                "sensitive.withoutConsent.deleteWithin", Duration.ofHours(2)));
    assertThat(ResidualCheck.check(r, List.of(BINLOG_7D), Set.of()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.breaks()).isTrue();
              assertThat(v.accepted()).isFalse();
              assertThat(v.message())
                  .startsWith(
                      "binlog ≤ 7d (binlog_expire_logs_seconds=604800) may keep the data of rule r"
                          + " longer than its promise 2h (sensitive.withoutConsent.deleteWithin)");
            });
  }

  @Test
  void ofTwoEqualPromisesTheFirstStatedFieldIsNamed() {
    RulePlan r = rule(new Promises(Duration.ofHours(2), null, Duration.ofHours(2), null, null));
    assertThat(ResidualCheck.shortest(r))
        .isEqualTo(new ResidualCheck.Shortest("deleteWithin", Duration.ofHours(2)));
  }

  @Test
  void aCopyBoundedExactlyAtThePromiseDoesNotOutliveIt() {
    ResidualCopy sevenDays =
        new ResidualCopy("binlog", ResidualCopy.State.READ, Duration.ofDays(7), "s", null);
    assertThat(sevenDays.mayOutlive(Duration.ofDays(7))).isFalse();
    assertThat(sevenDays.mayOutlive(Duration.ofDays(7).minusSeconds(1))).isTrue();
    RulePlan r = rule(new Promises(Duration.ofDays(7), null, null, null, null));
    assertThat(ResidualCheck.check(r, List.of(sevenDays), Set.of())).isEmpty();
  }

  @Test
  void aCopyWithinThePromiseOrAbsentOrARuleWithoutPromisesIsNoVerdict() {
    RulePlan longPromise = rule(new Promises(Duration.ofDays(8), null, null, null, null));
    assertThat(
            ResidualCheck.check(
                longPromise,
                List.of(BINLOG_7D, ResidualCopy.absent("snapshots", "GET _snapshot")),
                Set.of()))
        .isEmpty();
    assertThat(ResidualCheck.check(rule(Promises.NONE), List.of(BINLOG_7D), Set.of())).isEmpty();
  }

  @Test
  void unboundedBreaksAndAcknowledgedIsAcceptedNotBroken() {
    RulePlan r = rule(new Promises(Duration.ofDays(30), null, null, null, null));
    ResidualCopy never =
        new ResidualCopy("binlog", ResidualCopy.State.READ, null, "expire_logs_days=0", null);
    assertThat(never.text()).isEqualTo("binlog unbounded (expire_logs_days=0)");
    assertThat(ResidualCheck.check(r, List.of(never), Set.of("binlog")))
        .singleElement()
        .satisfies(v -> assertThat(v.accepted()).isTrue())
        .satisfies(v -> assertThat(v.breaks()).isFalse());
  }

  @Test
  void anUnknownCopyBreaksAPromiseUnderADayAndWarnsAbove() {
    ResidualCopy unknown = ResidualCopy.unknown("snapshots", "GET _snapshot", "403");
    assertThat(
            ResidualCheck.check(
                rule(new Promises(Duration.ofHours(23), null, null, null, null)),
                List.of(unknown),
                Set.of()))
        .singleElement()
        .satisfies(v -> assertThat(v.breaks()).isTrue());
    assertThat(
            ResidualCheck.check(
                rule(new Promises(Duration.ofDays(1), null, null, null, null)),
                List.of(unknown),
                Set.of()))
        .singleElement()
        .satisfies(v -> assertThat(v.breaks()).isFalse());
  }

  @Test
  void observedAgeIsOverdueOnlyPastItsBound() {
    var at = java.time.Instant.parse("2026-12-07T00:00:00Z");
    var past =
        new ObservedAge("index", "logs-1", 7_201L, Duration.ofHours(2), "ILM step ERROR: x", at);
    assertThat(past.overdue()).isTrue();
    assertThat(past.describe())
        .isEqualTo("oldest index in logs-1 is 2h1s old, past 2h (ILM step ERROR: x)");
    assertThat(new ObservedAge("rows", "db.t", 7_200L, Duration.ofHours(2), null, at).overdue())
        .isFalse();
    assertThat(ObservedAge.none("objects", "s3://b/p/", Duration.ofHours(2), at).overdue())
        .isFalse();
    assertThat(ObservedAge.none("objects", "s3://b/p/", Duration.ofHours(2), at).describe())
        .isEqualTo("no objects in s3://b/p/");
  }
}
