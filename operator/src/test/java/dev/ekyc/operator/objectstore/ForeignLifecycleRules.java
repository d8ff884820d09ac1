package dev.ekyc.operator.objectstore;

import java.util.List;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.TransitionStorageClass;

/**
 * Lifecycle rules a bucket's owner or another tool may already have, shaped after the examples of
 * the Amazon S3 user guide ("Examples of S3 Lifecycle configurations"): transitions, tiering down
 * with a final expiration, noncurrent version transitions and expiration, aborting incomplete
 * multipart uploads, tag, And and object size filters, expired delete markers and a disabled rule.
 * No enabled one expires current objects within a year (only noncurrent versions and delete markers
 * go sooner), so no early-expiry warning is expected against the stores' rules of the tests.
 *
 * <p>For tests at every level (merge unit tests, adapter and reconciler ITs): write {@link #all()}
 * as someone else's configuration, let the operator apply and remove its rules, and expect the
 * foreign rules unchanged and in order. moto drops the object size conditions and {@code
 * NewerNoncurrentVersions} when it stores a rule (measured with moto 5.2.5: {@code
 * ObjectSizeGreaterThan} alone comes back as an empty filter), so ITs against moto compare with
 * what the server returned after the foreign write, not with these literals.
 */
public final class ForeignLifecycleRules {
  private ForeignLifecycleRules() {}

  /** Every example, in the order a bucket holds them. */
  public static List<LifecycleRule> all() {
    return List.of(
        taxToGlacier(),
        tieringDown(),
        noncurrentVersions(),
        abortIncompleteUploads(),
        taggedToGlacier(),
        prefixAndTags(),
        largeObjectsToGlacier(),
        sizeRangeUnderPrefix(),
        expiredDeleteMarkers(),
        disabledRule());
  }

  /** The ones with object size conditions, which moto does not keep. */
  public static List<LifecycleRule> withSizeFilters() {
    return List.of(largeObjectsToGlacier(), sizeRangeUnderPrefix());
  }

  /** Objects under a prefix move to Glacier after a year. */
  public static LifecycleRule taxToGlacier() {
    return rule("guide-tax-to-glacier")
        .filter(f -> f.prefix("tax/"))
        .transitions(t -> t.days(365).storageClass(TransitionStorageClass.GLACIER))
        .build();
  }

  /** Standard-IA after 30 days, Glacier after a year, deleted after ten years. */
  public static LifecycleRule tieringDown() {
    return rule("guide-tiering-down")
        .filter(f -> f.prefix("documents/"))
        .transitions(
            t -> t.days(30).storageClass(TransitionStorageClass.STANDARD_IA),
            t -> t.days(365).storageClass(TransitionStorageClass.GLACIER))
        .expiration(e -> e.days(3650))
        .build();
  }

  /** Whole bucket: noncurrent versions tiered down, then expired, keeping the two newest. */
  public static LifecycleRule noncurrentVersions() {
    return rule("guide-noncurrent-versions")
        .filter(f -> f.prefix(""))
        .noncurrentVersionTransitions(
            t -> t.noncurrentDays(30).storageClass(TransitionStorageClass.STANDARD_IA),
            t -> t.noncurrentDays(90).storageClass(TransitionStorageClass.GLACIER))
        .noncurrentVersionExpiration(e -> e.noncurrentDays(365).newerNoncurrentVersions(2))
        .build();
  }

  /** Multipart uploads left unfinished for a week are aborted. */
  public static LifecycleRule abortIncompleteUploads() {
    return rule("guide-abort-incomplete-uploads")
        .filter(f -> f.prefix("uploads/"))
        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(7))
        .build();
  }

  /** One tag as the filter. */
  public static LifecycleRule taggedToGlacier() {
    return rule("guide-tag-to-glacier")
        .filter(f -> f.tag(tag("archive", "yes")))
        .transitions(t -> t.days(365).storageClass(TransitionStorageClass.GLACIER))
        .build();
  }

  /** And: a prefix and two tags. */
  public static LifecycleRule prefixAndTags() {
    return rule("guide-prefix-and-tags")
        .filter(
            f -> f.and(a -> a.prefix("tax/").tags(tag("key1", "value1"), tag("key2", "value2"))))
        .expiration(e -> e.days(3650))
        .build();
  }

  /** A size filter alone: objects larger than 500 bytes. */
  public static LifecycleRule largeObjectsToGlacier() {
    return rule("guide-large-objects-to-glacier")
        .filter(f -> f.objectSizeGreaterThan(500L))
        .transitions(t -> t.days(365).storageClass(TransitionStorageClass.GLACIER))
        .build();
  }

  /** And: a prefix and a size range. */
  public static LifecycleRule sizeRangeUnderPrefix() {
    return rule("guide-size-range-under-prefix")
        .filter(
            f ->
                f.and(a -> a.prefix("tax/").objectSizeGreaterThan(500L).objectSizeLessThan(64000L)))
        .transitions(t -> t.days(365).storageClass(TransitionStorageClass.GLACIER))
        .build();
  }

  /**
   * Versioned bucket clean-up: expired delete markers removed, noncurrent versions after 30 days.
   */
  public static LifecycleRule expiredDeleteMarkers() {
    return rule("guide-expired-delete-markers")
        .filter(f -> f.prefix("logs/"))
        .expiration(e -> e.expiredObjectDeleteMarker(true))
        .noncurrentVersionExpiration(e -> e.noncurrentDays(30))
        .build();
  }

  /** A rule switched off: it must stay off, with its one-day expiration. */
  public static LifecycleRule disabledRule() {
    return rule("guide-disabled-logs")
        .status(ExpirationStatus.DISABLED)
        .filter(f -> f.prefix("logs/"))
        .expiration(e -> e.days(1))
        .build();
  }

  private static LifecycleRule.Builder rule(String id) {
    return LifecycleRule.builder().id(id).status(ExpirationStatus.ENABLED);
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
