package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectConsent;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision for one object, at the boundaries the plan's explanation promises. */
class SweepDeciderTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration TWO_HOURS = Duration.ofHours(2);
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);
  private static final ResourceRef CONSENT_POLICY =
      new ResourceRef("ConsentPolicy", "ekyc", "model-training");

  static ObjectSweep sweep(
      Map<String, String> selector, ObjectConsent consent, String holdKey, long cap) {
    return new ObjectSweep(
        "training/faces/",
        selector,
        TWO_HOURS,
        consent,
        holdKey,
        "*/15 * * * *",
        cap,
        Mechanism.Role.PRIMARY);
  }

  static ObjectConsent consentTag() {
    return new ObjectConsent(
        CONSENT_POLICY,
        "consent-model-training",
        "granted",
        null,
        THIRTY_DAYS,
        Duration.ofMinutes(15));
  }

  static ObjectConsent consentPrefix() {
    return new ObjectConsent(
        CONSENT_POLICY, null, null, "consented/", THIRTY_DAYS, Duration.ofMinutes(15));
  }

  private static SweepDecider decider(ObjectSweep sweep) {
    return new SweepDecider(sweep, SweepCutoffs.at(NOW, sweep));
  }

  private static Instant aged(Duration age) {
    return NOW.minus(age);
  }

  @Test
  void cutoffsComeFromTheGivenNow() {
    SweepCutoffs cutoffs = SweepCutoffs.at(NOW, sweep(Map.of(), consentTag(), null, 10));
    assertThat(cutoffs.serverNow()).isEqualTo(NOW);
    assertThat(cutoffs.deleteModifiedBefore()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(cutoffs.consentedDeleteModifiedBefore())
        .isEqualTo(Instant.parse("2026-01-30T12:00:00Z"));
    assertThat(
            SweepCutoffs.at(NOW, sweep(Map.of(), null, null, 10)).consentedDeleteModifiedBefore())
        .isNull();
  }

  @Test
  void anObjectExactlyAtTheRetentionIsKeptAndOneMillisecondOlderIsDeleted() {
    SweepDecider d = decider(sweep(Map.of(), null, null, 10));
    assertThat(d.decide("training/faces/a", aged(TWO_HOURS.minusSeconds(1)), Map.of()))
        .isEqualTo(SweepDecision.TOO_YOUNG);
    assertThat(d.decide("training/faces/a", aged(TWO_HOURS), Map.of()))
        .isEqualTo(SweepDecision.TOO_YOUNG);
    assertThat(d.decide("training/faces/a", aged(TWO_HOURS.plusMillis(1)), Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/a", aged(TWO_HOURS.plusSeconds(1)), Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.tooYoung(aged(TWO_HOURS))).isTrue();
    assertThat(d.tooYoung(aged(TWO_HOURS.plusMillis(1)))).isFalse();
  }

  @Test
  void anObjectFromTheFutureIsTooYoung() {
    assertThat(
            decider(sweep(Map.of(), null, null, 10))
                .decide("training/faces/a", NOW.plusSeconds(60), Map.of()))
        .isEqualTo(SweepDecision.TOO_YOUNG);
  }

  @Test
  void aConsentTagKeepsUntilTheConsentRetentionAndOnlyWithTheExactValue() {
    SweepDecider d = decider(sweep(Map.of(), consentTag(), null, 10));
    Map<String, String> granted = Map.of("consent-model-training", "granted");
    assertThat(d.decide("training/faces/a", aged(Duration.ofDays(3)), granted))
        .isEqualTo(SweepDecision.KEEP_CONSENTED);
    assertThat(d.decide("training/faces/a", aged(THIRTY_DAYS), granted))
        .isEqualTo(SweepDecision.KEEP_CONSENTED);
    assertThat(d.decide("training/faces/a", aged(THIRTY_DAYS.plusSeconds(1)), granted))
        .isEqualTo(SweepDecision.DELETE);
    // withdrawn: value changed or tag removed; the base retention applies again
    assertThat(
            d.decide(
                "training/faces/a",
                aged(Duration.ofDays(3)),
                Map.of("consent-model-training", "withdrawn")))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/a", aged(Duration.ofDays(3)), Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    // the consent tag on a key in a consent-like folder means nothing for a tag-recorded policy
    assertThat(d.decide("training/faces/consented/a", aged(Duration.ofDays(3)), Map.of()))
        .isEqualTo(SweepDecision.DELETE);
  }

  @Test
  void aConsentPrefixSegmentCountsOnlyDirectlyBelowTheRulePrefix() {
    SweepDecider d = decider(sweep(Map.of(), consentPrefix(), null, 10));
    Instant threeDays = aged(Duration.ofDays(3));
    assertThat(d.decide("training/faces/consented/u1/a.jpg", threeDays, Map.of()))
        .isEqualTo(SweepDecision.KEEP_CONSENTED);
    assertThat(
            d.decide(
                "training/faces/consented/u1/a.jpg", aged(THIRTY_DAYS.plusSeconds(1)), Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/u1/consented/a.jpg", threeDays, Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/consented-not/a.jpg", threeDays, Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/consented", threeDays, Map.of()))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.needsTags()).as("prefix consent needs no tag request").isFalse();
  }

  @Test
  void aLegalHoldTagWithAnyValueKeepsEvenPastTheConsentRetention() {
    SweepDecider d = decider(sweep(Map.of(), consentTag(), "legal-hold", 10));
    Instant ancient = aged(Duration.ofDays(400));
    assertThat(d.decide("training/faces/a", ancient, Map.of("legal-hold", "case-17")))
        .isEqualTo(SweepDecision.KEEP_HELD);
    assertThat(d.decide("training/faces/a", ancient, Map.of("legal-hold", "")))
        .isEqualTo(SweepDecision.KEEP_HELD);
    assertThat(d.decide("training/faces/a", ancient, Map.of("legal-holdx", "1")))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/a", ancient, Map.of("Legal-Hold", "1")))
        .as("S3 tag keys are case-sensitive")
        .isEqualTo(SweepDecision.DELETE);
  }

  @Test
  void aTagSelectorLeavesObjectsWithoutEveryTagAlone() {
    SweepDecider d = decider(sweep(Map.of("kind", "selfie", "tier", "raw"), null, null, 10));
    Instant old = aged(Duration.ofDays(1));
    assertThat(d.decide("training/faces/a", old, Map.of("kind", "selfie", "tier", "raw", "x", "y")))
        .isEqualTo(SweepDecision.DELETE);
    assertThat(d.decide("training/faces/a", old, Map.of("kind", "selfie")))
        .isEqualTo(SweepDecision.NOT_MATCHING_TAGS);
    assertThat(d.decide("training/faces/a", old, Map.of("kind", "selfie", "tier", "cooked")))
        .isEqualTo(SweepDecision.NOT_MATCHING_TAGS);
    assertThat(d.decide("training/faces/a", old, Map.of()))
        .isEqualTo(SweepDecision.NOT_MATCHING_TAGS);
    assertThat(d.decide("training/faces/a", aged(Duration.ofMinutes(5)), Map.of()))
        .as("age is checked before tags")
        .isEqualTo(SweepDecision.TOO_YOUNG);
  }

  @Test
  void tagsAreNeededOnlyForASelectorAConsentTagOrAHoldKey() {
    assertThat(decider(sweep(Map.of(), null, null, 10)).needsTags()).isFalse();
    assertThat(decider(sweep(Map.of(), consentPrefix(), null, 10)).needsTags()).isFalse();
    assertThat(decider(sweep(Map.of("kind", "selfie"), null, null, 10)).needsTags()).isTrue();
    assertThat(decider(sweep(Map.of(), consentTag(), null, 10)).needsTags()).isTrue();
    assertThat(decider(sweep(Map.of(), null, "legal-hold", 10)).needsTags()).isTrue();
  }
}
