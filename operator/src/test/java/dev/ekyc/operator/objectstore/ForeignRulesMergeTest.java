package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

/**
 * The S3 user guide's example rules ({@link ForeignLifecycleRules}) pass through merge and
 * verification intact.
 */
class ForeignRulesMergeTest {
  private static final StoreOwnership MEDIA = new StoreOwnership("ekyc", "media");
  private static final OwnedLifecycleRule LIVENESS =
      new OwnedLifecycleRule("ekyc-operator:ekyc/media/liveness", "liveness/", Map.of(), 1);
  private static final OwnedLifecycleRule FACES =
      new OwnedLifecycleRule(
          "ekyc-operator:ekyc/media/faces", "faces/", Map.of("consent", "granted"), 30);

  /** The foreign rules with an old version of our rules between them, as a bucket may hold them. */
  private static List<LifecycleRule> bucketWithOurOldRulesInBetween() {
    List<LifecycleRule> rules = new ArrayList<>(ForeignLifecycleRules.all());
    rules.add(3, new OwnedLifecycleRule(LIVENESS.id(), "liveness/", Map.of(), 2).toS3());
    rules.add(7, FACES.toS3());
    return rules;
  }

  @Test
  void everyExampleIsKeptExactlyAndInOrderWhenOurRulesAreApplied() {
    MergedLifecycle merged =
        LifecycleMerge.merge(bucketWithOurOldRulesInBetween(), MEDIA, List.of(LIVENESS, FACES));

    int foreign = ForeignLifecycleRules.all().size();
    assertThat(merged.rules().subList(0, foreign))
        .containsExactlyElementsOf(ForeignLifecycleRules.all());
    assertThat(merged.rules().subList(foreign, merged.rules().size()))
        .containsExactly(LIVENESS.toS3(), FACES.toS3());
    assertThat(merged.diff().changed()).containsExactly(LIVENESS.id());
    assertThat(merged.diff().unchanged()).containsExactly(FACES.id());
    assertThat(merged.warnings())
        .as("every example expires later than ours, or is disabled")
        .isEmpty();
  }

  @Test
  void sizeFiltersSurviveTheMerge() {
    MergedLifecycle merged =
        LifecycleMerge.merge(bucketWithOurOldRulesInBetween(), MEDIA, List.of(LIVENESS));

    LifecycleRuleFilter large = byId(merged.rules(), "guide-large-objects-to-glacier").filter();
    assertThat(large.objectSizeGreaterThan()).isEqualTo(500L);
    LifecycleRuleFilter range = byId(merged.rules(), "guide-size-range-under-prefix").filter();
    assertThat(range.and().prefix()).isEqualTo("tax/");
    assertThat(range.and().objectSizeGreaterThan()).isEqualTo(500L);
    assertThat(range.and().objectSizeLessThan()).isEqualTo(64000L);
  }

  @Test
  void removingOurRulesLeavesExactlyTheExamples() {
    MergedLifecycle merged =
        LifecycleMerge.merge(bucketWithOurOldRulesInBetween(), MEDIA, List.of());

    assertThat(merged.rules()).containsExactlyElementsOf(ForeignLifecycleRules.all());
    assertThat(merged.diff().removed()).containsExactlyInAnyOrder(LIVENESS.id(), FACES.id());
  }

  @Test
  void verificationAcceptsTheExamplesAsWrittenAndNamesOneThatLostItsSizeFilter() {
    List<LifecycleRule> before = bucketWithOurOldRulesInBetween();
    List<LifecycleRule> othersBefore = ForeignLifecycleRules.all();
    MergedLifecycle merged = LifecycleMerge.merge(before, MEDIA, List.of(LIVENESS, FACES));

    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(LIVENESS, FACES), othersBefore, merged.rules()))
        .isEmpty();

    // A server that drops a size condition has changed someone else's rule: verification must say
    // which.
    List<LifecycleRule> lossy = new ArrayList<>(merged.rules());
    int index = lossy.indexOf(ForeignLifecycleRules.largeObjectsToGlacier());
    lossy.set(
        index, lossy.get(index).toBuilder().filter(LifecycleRuleFilter.builder().build()).build());
    assertThat(
            LifecycleVerification.differences(MEDIA, List.of(LIVENESS, FACES), othersBefore, lossy))
        .singleElement()
        .asString()
        .contains("rules not owned by DataStore ekyc/media changed")
        .contains("content changed: [guide-large-objects-to-glacier]");
  }

  private static LifecycleRule byId(List<LifecycleRule> rules, String id) {
    return rules.stream()
        .filter(r -> id.equals(r.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no rule " + id + " in " + rules));
  }
}
