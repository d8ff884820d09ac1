package dev.ekyc.operator.objectstore;

import static dev.ekyc.operator.objectstore.S3Rules.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/** Post-write verification: what the bucket holds after our write, compared with what we meant. */
class LifecycleVerificationTest {
  private static final StoreOwnership MEDIA = new StoreOwnership("ekyc", "media");
  private static final OwnedLifecycleRule LIVENESS =
      new OwnedLifecycleRule("ekyc-operator:ekyc/media/p/liveness", "liveness/", Map.of(), 1);
  private static final OwnedLifecycleRule FACES =
      new OwnedLifecycleRule("ekyc-operator:ekyc/media/p/faces", "faces/", Map.of(), 30);
  private static final LifecycleRule FOREIGN = transitionRule("archive", "archive/");
  private static final LifecycleRule OTHER_FOREIGN = prefixRule("tmp", "tmp/", 7);

  @Test
  void aBucketHoldingExactlyWhatWasWrittenHasNoDifferences() {
    var after = List.of(FOREIGN, LIVENESS.toS3(), FACES.toS3());

    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(LIVENESS, FACES), List.of(FOREIGN), after))
        .isEmpty();
  }

  @Test
  void anOwnedRuleThatShouldHaveBeenRemovedIsReported() {
    // The policy that owned FACES is gone; the write was meant to drop its rule, but the bucket
    // still has it.
    var after = List.of(FOREIGN, LIVENESS.toS3(), FACES.toS3());

    assertThat(LifecycleVerification.differences(MEDIA, List.of(LIVENESS), List.of(FOREIGN), after))
        .containsExactly("rule " + FACES.id() + " of " + MEDIA + " should not be there");
  }

  @Test
  void aMissingOwnedRuleIsReported() {
    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(LIVENESS, FACES), List.of(), List.of(LIVENESS.toS3())))
        .containsExactly("rule " + FACES.id() + " is missing");
  }

  @Test
  void anOwnedRuleWithOtherDaysIsReportedWithBothVersions() {
    var edited = new OwnedLifecycleRule(LIVENESS.id(), "liveness/", Map.of(), 3);

    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(LIVENESS), List.of(), List.of(edited.toS3())))
        .singleElement()
        .asString()
        .startsWith("rule " + LIVENESS.id() + " should be ")
        .contains(LIVENESS.toString())
        .contains(edited.toString());
  }

  @Test
  void anOwnedRuleDisabledOutOfBandIsReported() {
    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(LIVENESS), List.of(), List.of(disabled(LIVENESS.toS3()))))
        .singleElement()
        .asString()
        .contains("status Disabled");
  }

  @Test
  void anotherStoresRuleIsNotOursToReport() {
    var otherStore =
        new OwnedLifecycleRule("ekyc-operator:ekyc/other/p/liveness", "liveness/", Map.of(), 1);
    var after = List.of(otherStore.toS3(), LIVENESS.toS3());

    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(LIVENESS), List.of(otherStore.toS3()), after))
        .isEmpty();
  }

  @Test
  void foreignRulesReorderedOrChangedAreReportedByName() {
    var reordered =
        LifecycleVerification.differences(
            MEDIA, List.of(), List.of(FOREIGN, OTHER_FOREIGN), List.of(OTHER_FOREIGN, FOREIGN));
    assertThat(reordered)
        .singleElement()
        .asString()
        .contains("before the write [archive, tmp], now [tmp, archive]")
        .doesNotContain("content changed");

    var changed =
        LifecycleVerification.differences(
            MEDIA,
            List.of(),
            List.of(FOREIGN, OTHER_FOREIGN),
            List.of(FOREIGN, prefixRule("tmp", "tmp/", 1)));
    assertThat(changed).singleElement().asString().contains("(content changed: [tmp])");

    var lost =
        LifecycleVerification.differences(
            MEDIA, List.of(), List.of(FOREIGN, OTHER_FOREIGN), List.of(FOREIGN));
    assertThat(lost).singleElement().asString().contains("now [archive]");
  }

  @Test
  void unnamedForeignRulesAreNamedByPosition() {
    var unnamedBefore = prefixRule(null, "tmp/", 7);
    var unnamedAfter = prefixRule(null, "tmp/", 8);

    assertThat(
            LifecycleVerification.differences(
                MEDIA, List.of(), List.of(unnamedBefore), List.of(unnamedAfter)))
        .singleElement()
        .asString()
        .contains("(unnamed #1)");
  }
}
