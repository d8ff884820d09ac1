package dev.ekyc.operator.reconcile.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
  private static final Instant T1 = Instant.parse("2026-01-01T11:00:00Z");

  @Test
  void readyIsTheOnlyTrueConditionWhenReady() {
    List<Condition> c = Conditions.ready(3, "Probed", "all good");
    assertThat(c)
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Ready", "True"),
            org.assertj.core.groups.Tuple.tuple("Reconciling", "False"),
            org.assertj.core.groups.Tuple.tuple("Stalled", "False"));
    assertThat(c).allSatisfy(x -> assertThat(x.getObservedGeneration()).isEqualTo(3L));
    assertThat(Conditions.isTrue(c, Conditions.READY)).isTrue();
  }

  @Test
  void stalledAndProgressingAreNotReadyAndDifferInWhichFlagIsTrue() {
    List<Condition> stalled = Conditions.stalled(1, "AuthenticationFailed", "wrong password");
    List<Condition> progressing = Conditions.progressing(1, "Unreachable", "connection refused");
    assertThat(Conditions.isTrue(stalled, Conditions.READY)).isFalse();
    assertThat(Conditions.isTrue(stalled, Conditions.STALLED)).isTrue();
    assertThat(Conditions.isTrue(stalled, Conditions.RECONCILING)).isFalse();
    assertThat(Conditions.isTrue(progressing, Conditions.RECONCILING)).isTrue();
    assertThat(Conditions.isTrue(progressing, Conditions.STALLED)).isFalse();
    assertThat(Conditions.find(stalled, Conditions.READY).orElseThrow().getMessage())
        .isEqualTo("wrong password");
    assertThat(Conditions.find(stalled, Conditions.READY).orElseThrow().getReason())
        .isEqualTo("AuthenticationFailed");
  }

  @Test
  void transitionTimeIsKeptWhileTheStatusStaysTheSame() {
    List<Condition> first =
        Conditions.withTransitionTimes(Conditions.ready(1, "Probed", "a"), List.of(), T0);
    assertThat(first)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z"));

    List<Condition> again =
        Conditions.withTransitionTimes(Conditions.ready(2, "Probed", "b"), first, T1);
    assertThat(again)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z"));
  }

  @Test
  void transitionTimeMovesOnlyForConditionsWhoseStatusChanged() {
    List<Condition> ready =
        Conditions.withTransitionTimes(Conditions.ready(1, "Probed", "a"), List.of(), T0);
    List<Condition> stalled =
        Conditions.withTransitionTimes(Conditions.stalled(1, "NotFound", "gone"), ready, T1);
    assertThat(Conditions.find(stalled, "Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T11:00:00Z");
    assertThat(Conditions.find(stalled, "Stalled").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T11:00:00Z");
    // Reconciling was False before and after.
    assertThat(Conditions.find(stalled, "Reconciling").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T10:00:00Z");
  }

  @Test
  void readyChangeReportsStatusOrReasonChangesOnly() {
    List<Condition> ready = Conditions.ready(1, "Probed", "a");
    assertThat(Conditions.readyChange(null, ready)).isPresent();
    assertThat(Conditions.readyChange(ready, Conditions.ready(2, "Probed", "other text")))
        .isEmpty();
    assertThat(
            Conditions.readyChange(ready, Conditions.stalled(1, "NotFound", "x"))
                .orElseThrow()
                .getReason())
        .isEqualTo("NotFound");
    List<Condition> unreachable = Conditions.progressing(1, "Unreachable", "x");
    assertThat(
            Conditions.readyChange(unreachable, Conditions.stalled(1, "AuthenticationFailed", "x")))
        .isPresent();
  }

  @Test
  void longMessagesAreCut() {
    String longText = "x".repeat(Conditions.MAX_MESSAGE + 50);
    String message =
        Conditions.find(Conditions.stalled(1, "InvalidPolicy", longText), "Ready")
            .orElseThrow()
            .getMessage();
    assertThat(message).hasSize(Conditions.MAX_MESSAGE).endsWith("...");
  }
}
