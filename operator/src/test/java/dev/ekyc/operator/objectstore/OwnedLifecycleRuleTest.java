package dev.ekyc.operator.objectstore;

import static dev.ekyc.operator.objectstore.S3Rules.tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;

class OwnedLifecycleRuleTest {
  private static final String ID = "ekyc-operator:ekyc/media/liveness";

  @Test
  void aPrefixWithoutTagsIsAPrefixFilter() {
    LifecycleRule rule = new OwnedLifecycleRule(ID, "liveness/", Map.of(), 1).toS3();

    assertThat(rule.id()).isEqualTo(ID);
    assertThat(rule.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(rule.expiration().days()).isEqualTo(1);
    assertThat(rule.filter().prefix()).isEqualTo("liveness/");
    assertThat(rule.filter().tag()).isNull();
    assertThat(rule.filter().and()).isNull();
    assertThat(rule.prefix()).as("the deprecated rule-level Prefix is not used").isNull();
  }

  @Test
  void oneTagWithoutPrefixIsATagFilter() {
    LifecycleRuleFilter filter =
        new OwnedLifecycleRule(ID, "", Map.of("kind", "face"), 2).toS3().filter();

    assertThat(filter.tag()).isEqualTo(tag("kind", "face"));
    assertThat(filter.prefix()).isNull();
    assertThat(filter.and()).isNull();
  }

  @Test
  void aPrefixWithATagIsAnAndFilter() {
    LifecycleRuleFilter filter =
        new OwnedLifecycleRule(ID, "faces/", Map.of("kind", "face"), 2).toS3().filter();

    assertThat(filter.prefix()).isNull();
    assertThat(filter.tag()).isNull();
    assertThat(filter.and().prefix()).isEqualTo("faces/");
    assertThat(filter.and().tags()).containsExactly(tag("kind", "face"));
  }

  @Test
  void severalTagsWithoutPrefixAreAnAndFilterWithoutPrefix() {
    LifecycleRuleFilter filter =
        new OwnedLifecycleRule(ID, "", Map.of("kind", "face", "region", "sg"), 2).toS3().filter();

    assertThat(filter.and().prefix()).isNull();
    assertThat(filter.and().tags())
        .containsExactlyInAnyOrder(tag("kind", "face"), tag("region", "sg"));
    assertThat(filter.tag()).isNull();
  }

  @Test
  void everyShapeReadsBackAsTheSameRule() {
    for (OwnedLifecycleRule rule :
        List.of(
            new OwnedLifecycleRule(ID, "liveness/", Map.of(), 1),
            new OwnedLifecycleRule(ID, "", Map.of("kind", "face"), 3),
            new OwnedLifecycleRule(ID, "faces/", Map.of("kind", "face"), 30),
            new OwnedLifecycleRule(ID, "", Map.of("a", "1", "b", "2"), 7),
            OwnedLifecycleRule.everyCopy(ID, "liveness/", Map.of(), 1),
            OwnedLifecycleRule.everyCopy(ID, "faces/", Map.of("kind", "face"), 30))) {
      assertThat(OwnedLifecycleRule.fromS3(rule.toS3())).contains(rule);
    }
  }

  @Test
  void aRuleWrittenByHandInAnotherShapeIsTheSameRule() {
    // An And filter holding only a prefix selects what a Prefix filter selects: no rewrite needed.
    LifecycleRule andWithPrefixOnly =
        LifecycleRule.builder()
            .id(ID)
            .status(ExpirationStatus.ENABLED)
            .filter(f -> f.and(a -> a.prefix("liveness/")))
            .expiration(e -> e.days(1))
            .build();

    assertThat(OwnedLifecycleRule.fromS3(andWithPrefixOnly))
        .contains(new OwnedLifecycleRule(ID, "liveness/", Map.of(), 1));
  }

  @Test
  void aRuleDoingMoreOrLessThanExpireAfterDaysIsNotOneTheOperatorWrites() {
    LifecycleRule ours = new OwnedLifecycleRule(ID, "liveness/", Map.of(), 1).toS3();

    assertThat(OwnedLifecycleRule.fromS3(S3Rules.disabled(ours))).isEmpty();
    assertThat(
            OwnedLifecycleRule.fromS3(
                ours.toBuilder().transitions(t -> t.days(1).storageClass("GLACIER")).build()))
        .isEmpty();
    assertThat(
            OwnedLifecycleRule.fromS3(
                ours.toBuilder()
                    .expiration(e -> e.date(java.time.Instant.parse("2030-01-01T00:00:00Z")))
                    .build()))
        .isEmpty();
    assertThat(
            OwnedLifecycleRule.fromS3(
                ours.toBuilder()
                    .filter(f -> f.and(a -> a.prefix("liveness/").objectSizeGreaterThan(1000L)))
                    .build()))
        .isEmpty();
    assertThat(
            OwnedLifecycleRule.fromS3(
                ours.toBuilder().filter((LifecycleRuleFilter) null).prefix("liveness/").build()))
        .as("deprecated rule-level prefix")
        .isEmpty();
  }

  @Test
  void theBackstopOfEveryCopyExpiresNoncurrentVersionsAndAbortsUploadsExceptWithTags() {
    LifecycleRule untagged = OwnedLifecycleRule.everyCopy(ID, "liveness/", Map.of(), 1).toS3();
    assertThat(untagged.expiration().days()).isEqualTo(1);
    assertThat(untagged.expiration().expiredObjectDeleteMarker())
        .as("S3 refuses it next to Days; Days removes" + " expired markers by itself")
        .isNull();
    assertThat(untagged.noncurrentVersionExpiration().noncurrentDays()).isEqualTo(1);
    assertThat(untagged.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);

    LifecycleRule tagged =
        OwnedLifecycleRule.everyCopy(ID, "faces/", Map.of("kind", "face"), 30).toS3();
    assertThat(tagged.noncurrentVersionExpiration().noncurrentDays()).isEqualTo(30);
    assertThat(tagged.abortIncompleteMultipartUpload()).isNull();
    assertThatThrownBy(
            () -> new OwnedLifecycleRule(ID, "faces/", Map.of("kind", "face"), 30, 30, 1))
        .hasMessageContaining("AbortIncompleteMultipartUpload");
  }

  @Test
  void aTaggedRuleThatAlsoAbortsUploadsIsNotOneTheOperatorWrites() {
    // S3 refuses AbortIncompleteMultipartUpload beside a tag filter, so such a rule read back from
    // a
    // bucket was written by someone else: claiming it would let the operator rewrite a foreign
    // rule.
    LifecycleRule taggedWithAbort =
        S3Rules.tagRule(ID, "kind", "face", 30).toBuilder()
            .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1))
            .build();
    assertThat(OwnedLifecycleRule.fromS3(taggedWithAbort)).isEmpty();
    LifecycleRule untaggedWithAbort =
        S3Rules.prefixRule(ID, "liveness/", 1).toBuilder()
            .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1))
            .build();
    assertThat(OwnedLifecycleRule.fromS3(untaggedWithAbort))
        .contains(new OwnedLifecycleRule(ID, "liveness/", Map.of(), 1, null, 1));
  }

  @Test
  void itsDescriptionSaysWhatItExpiresInWords() {
    assertThat(OwnedLifecycleRule.everyCopy(ID, "liveness/", Map.of(), 1).toString())
        .isEqualTo(
            ID
                + " (expire liveness/ after 1 day, noncurrent versions 1 day after they became"
                + " noncurrent, unfinished uploads after 1 day)");
    assertThat(new OwnedLifecycleRule(ID, "", Map.of(), 2, 3, 4).toString())
        .isEqualTo(
            ID
                + " (expire the whole bucket after 2 days, noncurrent versions 3 days after they"
                + " became noncurrent, unfinished uploads after 4 days)");
  }

  @Test
  void aUserChangeToTheNoncurrentExpiryOfOurRuleIsSeenAndRewrittenNotLost() {
    OwnedLifecycleRule desired = OwnedLifecycleRule.everyCopy(ID, "liveness/", Map.of(), 1);
    LifecycleRule edited =
        desired.toS3().toBuilder().noncurrentVersionExpiration(n -> n.noncurrentDays(90)).build();
    assertThat(OwnedLifecycleRule.fromS3(edited))
        .as("read back with the user's value, so it differs")
        .contains(new OwnedLifecycleRule(ID, "liveness/", Map.of(), 1, 90, 1))
        .isNotEqualTo(desired);
    LifecycleRule keepNewest =
        desired.toS3().toBuilder()
            .noncurrentVersionExpiration(n -> n.noncurrentDays(1).newerNoncurrentVersions(3))
            .build();
    assertThat(OwnedLifecycleRule.fromS3(keepNewest))
        .as("keeps versions beyond what the operator writes")
        .isEmpty();
  }

  @Test
  void lessThanOneDayIsRefused() {
    assertThatThrownBy(() -> new OwnedLifecycleRule(ID, "liveness/", Map.of(), 0))
        .hasMessageContaining(ID)
        .hasMessageContaining("at least 1 day");
  }
}
