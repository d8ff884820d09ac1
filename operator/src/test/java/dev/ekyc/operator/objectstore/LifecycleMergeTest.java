package dev.ekyc.operator.objectstore;

import static dev.ekyc.operator.objectstore.S3Rules.andRule;
import static dev.ekyc.operator.objectstore.S3Rules.prefixRule;
import static dev.ekyc.operator.objectstore.S3Rules.tag;
import static dev.ekyc.operator.objectstore.S3Rules.tagRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

class LifecycleMergeTest {
  private static final StoreOwnership MEDIA = new StoreOwnership("ekyc", "media");
  private static final String LIVENESS = "ekyc-operator:ekyc/media/liveness";
  private static final String FACES = "ekyc-operator:ekyc/media/faces";

  /** Another DataStore (another namespace) naming the same bucket. */
  private static final String OTHER_STORE = "ekyc-operator:staging/media/liveness";

  private static final LifecycleRule USER_LOGS = prefixRule("user-logs", "logs/", 90);
  private static final LifecycleRule USER_TMP = tagRule("user-tmp", "tmp", "true", 7);
  private static final LifecycleRule USER_ARCHIVE =
      S3Rules.transitionRule("user-archive", "archive/");
  private static final LifecycleRule OTHER = prefixRule(OTHER_STORE, "staging/liveness/", 1);

  private static OwnedLifecycleRule liveness(int days) {
    return new OwnedLifecycleRule(LIVENESS, "liveness/", Map.of(), days);
  }

  private static OwnedLifecycleRule faces(int days) {
    return new OwnedLifecycleRule(FACES, "faces/", Map.of("consent", "granted"), days);
  }

  @Test
  void rulesOfOthersAreKeptExactlyAndInOrderAndOursFollow() {
    List<LifecycleRule> actual =
        List.of(USER_TMP, prefixRule(LIVENESS, "liveness/", 1), USER_LOGS, OTHER, USER_ARCHIVE);

    MergedLifecycle merged = LifecycleMerge.merge(actual, MEDIA, List.of(liveness(1), faces(30)));

    assertThat(merged.rules().subList(0, 4))
        .containsExactly(USER_TMP, USER_LOGS, OTHER, USER_ARCHIVE);
    assertThat(merged.rules().get(3).transitions())
        .as("content beyond expiration survives")
        .hasSize(1);
    assertThat(merged.rules().subList(4, 6))
        .extracting(LifecycleRule::id)
        .containsExactly(LIVENESS, FACES);
    assertThat(merged.diff().added()).containsExactly(FACES);
    assertThat(merged.diff().unchanged()).containsExactly(LIVENESS);
    assertThat(merged.diff().changed()).isEmpty();
    assertThat(merged.diff().removed()).isEmpty();
    assertThat(merged.diff().writeNeeded()).isTrue();
  }

  @Test
  void theSameRulesNeedNoWrite() {
    List<LifecycleRule> actual = List.of(USER_LOGS, liveness(1).toS3(), faces(30).toS3());

    LifecycleDiff diff =
        LifecycleMerge.merge(actual, MEDIA, List.of(liveness(1), faces(30))).diff();

    assertThat(diff.writeNeeded()).isFalse();
    assertThat(diff.unchanged()).containsExactlyInAnyOrder(LIVENESS, FACES);
  }

  @Test
  void aNewRetentionOrFilterIsAChange() {
    List<LifecycleRule> actual = List.of(liveness(1).toS3(), faces(30).toS3());

    MergedLifecycle merged =
        LifecycleMerge.merge(
            actual,
            MEDIA,
            List.of(liveness(2), new OwnedLifecycleRule(FACES, "faces/", Map.of(), 30)));

    assertThat(merged.diff().changed()).containsExactly(LIVENESS, FACES);
    assertThat(merged.rules()).extracting(r -> r.expiration().days()).containsExactly(2, 30);
    assertThat(merged.rules().get(1).filter().prefix()).isEqualTo("faces/");
  }

  @Test
  void aDisabledOwnedRuleIsAChange() {
    List<LifecycleRule> actual = List.of(S3Rules.disabled(liveness(1).toS3()));

    assertThat(LifecycleMerge.merge(actual, MEDIA, List.of(liveness(1))).diff().changed())
        .containsExactly(LIVENESS);
  }

  @Test
  void ownedRulesNoLongerDesiredAreRemovedAndOnlyThose() {
    List<LifecycleRule> actual = List.of(USER_LOGS, liveness(1).toS3(), OTHER, faces(30).toS3());

    MergedLifecycle merged = LifecycleMerge.merge(actual, MEDIA, List.of(faces(30)));

    assertThat(merged.diff().removed()).containsExactly(LIVENESS);
    assertThat(merged.rules())
        .extracting(LifecycleRule::id)
        .containsExactly("user-logs", OTHER_STORE, FACES);
  }

  @Test
  void anotherStoresRulesAreNeverOursEvenWithTheSameRuleName() {
    List<LifecycleRule> actual =
        List.of(OTHER, prefixRule("ekyc-operator:ekyc/media-archive/liveness", "x/", 5));

    MergedLifecycle merged = LifecycleMerge.merge(actual, MEDIA, List.of());

    assertThat(merged.diff().writeNeeded()).isFalse();
    assertThat(merged.diff().removed()).isEmpty();
    assertThat(merged.rules()).containsExactlyElementsOf(actual);
  }

  @Test
  void removingEverythingLeavesAnEmptyConfiguration() {
    MergedLifecycle merged = LifecycleMerge.merge(List.of(liveness(1).toS3()), MEDIA, List.of());

    assertThat(merged.rules()).isEmpty();
    assertThat(merged.diff().removed()).containsExactly(LIVENESS);
    assertThat(merged.diff().writeNeeded()).isTrue();
  }

  @Test
  void moreThanAThousandRulesInTheMergedConfigurationAreRefused() {
    List<LifecycleRule> others = new ArrayList<>();
    IntStream.range(0, 999).forEach(i -> others.add(prefixRule("user-" + i, "u" + i + "/", 10)));

    assertThat(LifecycleMerge.merge(others, MEDIA, List.of(liveness(1))).rules()).hasSize(1000);
    assertThatThrownBy(() -> LifecycleMerge.merge(others, MEDIA, List.of(liveness(1), faces(30))))
        .isInstanceOf(LifecycleLimitException.class)
        .hasMessageContaining("1001 rules (2 of DataStore ekyc/media, 999 others)")
        .hasMessageContaining("at most 1000");
  }

  @Test
  void aDesiredRuleOutsideTheStoresPrefixIsRefused() {
    var foreign =
        new OwnedLifecycleRule("ekyc-operator:ekyc/other/liveness", "liveness/", Map.of(), 1);

    assertThatThrownBy(() -> LifecycleMerge.merge(List.of(), MEDIA, List.of(foreign)))
        .isInstanceOf(LifecycleLimitException.class)
        .hasMessageContaining("ekyc-operator:ekyc/other/liveness");
  }

  @Test
  void aDesiredRuleWithAnIdOverTheS3LimitIsRefusedBeforeAnyWrite() {
    String prefix = "ekyc-operator:ekyc/media/";
    var tooLong =
        new OwnedLifecycleRule(
            prefix + "r".repeat(256 - prefix.length()), "liveness/", Map.of(), 1);
    var longest =
        new OwnedLifecycleRule(
            prefix + "r".repeat(255 - prefix.length()), "liveness/", Map.of(), 1);

    assertThat(LifecycleMerge.merge(List.of(), MEDIA, List.of(longest)).rules()).hasSize(1);
    assertThatThrownBy(() -> LifecycleMerge.merge(List.of(), MEDIA, List.of(tooLong)))
        .isInstanceOf(LifecycleLimitException.class)
        .hasMessageContaining("256 characters, S3 allows at most 255");
  }

  // ---------------------------------------------------------------- rules of others that delete
  // early

  @Test
  void aShorterRuleOfOthersOverOurPrefixIsReported() {
    LifecycleRule training = prefixRule("user-training-cleanup", "faces/", 7);

    List<LifecycleWarning> warnings =
        LifecycleMerge.merge(List.of(training), MEDIA, List.of(faces(30))).warnings();

    assertThat(warnings)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.otherRuleId()).isEqualTo("user-training-cleanup");
              assertThat(w.ownedRuleId()).isEqualTo(FACES);
              assertThat(w.message())
                  .contains(
                      "user-training-cleanup",
                      FACES,
                      "after 7 days",
                      "30 days",
                      "not managed by ekyc-operator");
            });
  }

  @Test
  void aShorterRuleOnAParentPrefixOrTheWholeBucketIsReported() {
    LifecycleRule everything = tagRule("user-tmp", "scratch", "yes", 3);
    LifecycleRule parent = andRule("user-and", "fa", List.of(tag("consent", "granted")), 10);

    assertThat(
            LifecycleMerge.merge(List.of(everything, parent), MEDIA, List.of(faces(30))).warnings())
        .extracting(LifecycleWarning::otherRuleId)
        .containsExactly("user-tmp", "user-and");
  }

  @Test
  void aFixedExpirationDateIsReported() {
    LifecycleRule byDate =
        prefixRule("user-date", "liveness/", 1).toBuilder()
            .expiration(e -> e.date(Instant.parse("2030-01-01T00:00:00Z")))
            .build();

    assertThat(LifecycleMerge.merge(List.of(byDate), MEDIA, List.of(liveness(1))).warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("user-date", "2030-01-01"));
  }

  @Test
  void longerEqualDisjointDisabledOrNonExpiringRulesAreNotReported() {
    List<LifecycleRule> harmless =
        List.of(
            prefixRule("longer", "faces/", 60),
            prefixRule("equal", "faces/", 30),
            prefixRule("disjoint", "logs/", 1),
            andRule("other-consent", "faces/", List.of(tag("consent", "withdrawn")), 1),
            S3Rules.disabled(prefixRule("disabled", "faces/", 1)),
            S3Rules.transitionRule("transition-only", "faces/"));

    assertThat(LifecycleMerge.merge(harmless, MEDIA, List.of(faces(30))).warnings()).isEmpty();
  }

  @Test
  void anotherStoresShorterRuleIsReportedAsSuch() {
    LifecycleRule otherStore = prefixRule(OTHER_STORE, "faces/", 2);

    assertThat(LifecycleMerge.merge(List.of(otherStore), MEDIA, List.of(faces(30))).warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains(OTHER_STORE, "another DataStore"));
  }
}
