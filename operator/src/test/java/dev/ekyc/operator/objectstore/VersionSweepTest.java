package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The version-aware sweep's decisions against an in-memory versioned bucket (the real-server proof
 * is VersionedBucketSweepIT on moto): every version decided on its own age, tags and lock, deletes
 * by version ID, markers removed only when nothing stays behind them, the cap, and answers that
 * only hid data. Suspended versioning is covered here only, because moto's Suspended mode wipes the
 * versions written while Enabled.
 */
class VersionSweepTest {
  private static final Instant SERVER_NOW = Instant.parse("2031-06-01T00:00:00Z");
  private static final Duration OLD = Duration.ofHours(3);
  private static final Duration YOUNG = Duration.ofHours(1);
  private static final String P = "training/faces/";

  private final VersionedS3 s3 = new VersionedS3(SERVER_NOW);

  private SweepResult sweep(long cap, int pageSize) {
    return sweep(
        SweepDeciderTest.sweep(Map.of(), SweepDeciderTest.consentTag(), "legal-hold", cap),
        pageSize,
        1);
  }

  private SweepResult sweep(
      dev.ekyc.operator.policy.ObjectSweep rule, int pageSize, int concurrency) {
    return new ObjectSweeper(s3, "bucket", new SweepOptions(false, pageSize, 1000, 1, concurrency))
        .sweep(rule);
  }

  @Test
  void dueVersionsGoByVersionIdCurrentOnesIncludedAndMarkersOfEmptiedKeysGoAcrossPages() {
    s3.put(P + "a", OLD.plusHours(2), Map.of());
    s3.put(P + "a", OLD.plusHours(1), Map.of());
    s3.put(P + "a", OLD, Map.of());
    s3.put(P + "b", OLD, Map.of());
    s3.deleteMarker(P + "b", OLD);
    s3.deleteMarker(P + "c", OLD);
    s3.put(P + "d", OLD, Map.of());
    s3.put(P + "d", YOUNG, Map.of());
    s3.deleteMarker(P + "d", YOUNG);

    SweepResult r = sweep(100, 2);

    assertThat(s3.stored())
        .as("d has a young version: it and the marker hiding it stay")
        .containsExactly(P + "d@v8(marker)", P + "d@v7");
    assertThat(r.versioning()).isEqualTo(BucketVersioning.ENABLED);
    assertThat(r.deleted()).as("three versions of a, b, and d's old one").isEqualTo(5);
    assertThat(r.markersRemoved()).as("b's and c's").isEqualTo(2);
    assertThat(r.hiddenNotErased()).isZero();
    assertThat(r.listed()).as("data versions").isEqualTo(6);
    assertThat(r.tooYoung()).isEqualTo(1);
    assertThat(r.pages()).isEqualTo(5);
  }

  @Test
  void eachVersionIsDecidedOnItsOwnTagsSoAWithdrawnConsentOnlyKeepsTheVersionsThatStillCarryIt() {
    s3.put(P + "a", Duration.ofDays(3), Map.of("consent-model-training", "granted"));
    s3.put(P + "a", Duration.ofDays(2), Map.of("consent-model-training", "withdrawn"));
    s3.put(P + "b", Duration.ofDays(3), Map.of("legal-hold", "case-7"));
    s3.put(P + "b", OLD, Map.of());

    SweepResult r = sweep(100, 1000);

    assertThat(s3.stored()).containsExactly(P + "a@v0", P + "b@v2");
    assertThat(r.keptConsented()).isEqualTo(1);
    assertThat(r.keptHeld()).isEqualTo(1);
    assertThat(r.deleted()).isEqualTo(2);
    assertThat(s3.headRequests.get()).as("no Object Lock on the bucket: no lock reads").isZero();
  }

  @Test
  void lockedAndHeldVersionsAreKeptCountedAndNeverSentForDeletion() {
    Instant far = SERVER_NOW.plus(Duration.ofDays(30));
    Instant near = SERVER_NOW.plus(Duration.ofDays(2));
    s3.putLocked(P + "a", OLD, far, false);
    s3.putLocked(P + "b", OLD, near, false);
    s3.putLocked(P + "c", OLD, null, true);
    s3.putLocked(P + "d", OLD, SERVER_NOW.minusSeconds(1), false);
    s3.put(P + "e", YOUNG, Map.of());
    s3.objectLock = true;

    SweepResult r = sweep(SweepDeciderTest.sweep(Map.of(), null, null, 100), 1000, 4);

    assertThat(s3.stored()).containsExactly(P + "a@v0", P + "b@v1", P + "c@v2", P + "e@v4");
    assertThat(r.keptLocked()).isEqualTo(2);
    assertThat(r.lockedUntil()).isEqualTo(far);
    assertThat(r.keptHeld()).as("Object Lock legal hold").isEqualTo(1);
    assertThat(r.deleted()).as("its retention has ended").isEqualTo(1);
    assertThat(r.errors()).as("nothing locked was sent, so nothing was refused").isZero();
    assertThat(s3.headRequests.get()).as("only the four due versions").isEqualTo(4);
  }

  @Test
  void theCapCountsDataVersionsAndTheMarkersOfTheKeyWhereItStoppedStay() {
    s3.put(P + "a", OLD, Map.of());
    s3.deleteMarker(P + "a", OLD);
    s3.put(P + "b", OLD, Map.of());
    s3.put(P + "b", OLD, Map.of());
    s3.deleteMarker(P + "b", OLD);

    SweepResult r = sweep(2, 1000);

    assertThat(r.deleted()).isEqualTo(2);
    assertThat(r.capReached()).isTrue();
    assertThat(r.markersRemoved()).as("a's only").isEqualTo(1);
    assertThat(s3.stored()).hasSize(2).allMatch(v -> v.startsWith(P + "b@"));
    assertThat(r.oldestDueLeft()).isEqualTo(SERVER_NOW.minus(OLD));
  }

  @Test
  void aServerThatAnswersWithADeleteMarkerIsCountedHiddenNotErasedNeverDeleted() {
    s3.put(P + "a", OLD, Map.of());
    s3.put(P + "b", OLD, Map.of());
    s3.ignoreVersionIds = true;

    SweepResult r = sweep(100, 1000);

    assertThat(r.deleted()).isZero();
    assertThat(r.hiddenNotErased()).isEqualTo(2);
    assertThat(s3.stored())
        .as("both versions still there, behind new markers")
        .contains(P + "a@v0", P + "b@v1");
  }

  @Test
  void anUnversionedSweepAnsweredWithDeleteMarkersCountsThemHiddenNotErased() {
    s3.put(P + "a", OLD, Map.of());
    // The facts said unversioned (read before versioning was turned on): plain deletes only add
    // markers.
    SweepResult r =
        new ObjectSweeper(
                s3, "bucket", new SweepOptions(false, 1000, 1000, 1), BucketFacts.plain("bucket"))
            .sweep(SweepDeciderTest.sweep(Map.of(), null, null, 100));
    assertThat(r.deleted()).isZero();
    assertThat(r.hiddenNotErased()).isEqualTo(1);
  }

  @Test
  void suspendedVersioningUnitTestOnlyMotoWipesVersionsWrittenWhileEnabled() {
    s3.put(P + "a", OLD.plusHours(1), Map.of());
    s3.put(P + "a", OLD, Map.of());
    s3.status = "Suspended";
    s3.put(P + "a", OLD, Map.of());
    s3.put(P + "b", OLD, Map.of());
    s3.put(P + "b", YOUNG, Map.of());
    assertThat(s3.stored())
        .as("Suspended keeps the Enabled-era versions, one null version per key")
        .containsExactly(P + "a@null", P + "a@v1", P + "a@v0", P + "b@null");

    SweepResult r = sweep(100, 1);

    assertThat(r.versioning()).isEqualTo(BucketVersioning.SUSPENDED);
    assertThat(s3.stored()).containsExactly(P + "b@null");
    assertThat(r.deleted()).isEqualTo(3);
    assertThat(r.tooYoung()).isEqualTo(1);
  }

  @Test
  void mfaDeleteRefusesTheSweepBeforeAnyRequestThatDeletes() {
    s3.put(P + "a", OLD, Map.of());
    s3.mfaDelete = "Enabled";
    assertThatThrownBy(() -> sweep(100, 1000))
        .isInstanceOf(SweepException.class)
        .hasMessageContaining("MFA Delete")
        .hasMessageContaining("fix: disable MFA Delete");
    assertThat(s3.deleteRequests.get()).isZero();
    assertThat(s3.stored()).containsExactly(P + "a@v0");
  }

  @Test
  void
      withMotosMarkerAnswersAConcurrentSweepOfManyPagesDeletesEverythingTheRaceItselfIsShownByTheBench() {
    for (int i = 0; i < 200; i++) {
      s3.put(P + "k" + String.format("%03d", i), OLD, Map.of());
    }
    SweepResult r =
        new ObjectSweeper(s3, "bucket", new SweepOptions(false, 7, 1, 1, 8))
            .sweep(SweepDeciderTest.sweep(Map.of(), null, null, 1000));
    assertThat(s3.markerGone.get()).as("no listing started from a deleted version").isZero();
    assertThat(r.deleted()).isEqualTo(200);
    assertThat(s3.stored()).isEmpty();
  }

  @Test
  void concurrencyDecidesTheSame() {
    for (int i = 0; i < 30; i++) {
      s3.put(P + "k" + i, OLD, Map.of("consent-model-training", i % 3 == 0 ? "granted" : "no"));
      s3.put(P + "k" + i, i % 2 == 0 ? OLD : YOUNG, Map.of());
    }
    SweepResult r =
        sweep(
            SweepDeciderTest.sweep(Map.of(), SweepDeciderTest.consentTag(), "legal-hold", 1000),
            7,
            8);
    assertThat(r.deleted()).as("20 unconsented first versions, 15 old current ones").isEqualTo(35);
    assertThat(r.keptConsented()).isEqualTo(10);
    assertThat(r.tooYoung()).isEqualTo(15);
    assertThat(s3.stored()).hasSize(25);
    List<String> left = s3.stored();
    assertThat(left).noneMatch(v -> v.contains("marker"));
  }
}
