package dev.ekyc.operator.objectstore;

import java.util.List;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Lifecycle rules as a user or another tool would have written them, built by hand for the tests.
 */
final class S3Rules {
  private S3Rules() {}

  static LifecycleRule prefixRule(String id, String prefix, int days) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(f -> f.prefix(prefix))
        .expiration(e -> e.days(days))
        .build();
  }

  static LifecycleRule tagRule(String id, String key, String value, int days) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(f -> f.tag(tag(key, value)))
        .expiration(e -> e.days(days))
        .build();
  }

  static LifecycleRule andRule(String id, String prefix, List<Tag> tags, int days) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(f -> f.and(a -> a.prefix(prefix).tags(tags)))
        .expiration(e -> e.days(days))
        .build();
  }

  /**
   * A rule that moves objects to cold storage and aborts uploads: content the merge must not lose.
   */
  static LifecycleRule transitionRule(String id, String prefix) {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(LifecycleRuleFilter.builder().prefix(prefix).build())
        .transitions(t -> t.days(30).storageClass("GLACIER"))
        .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(3))
        .build();
  }

  static LifecycleRule disabled(LifecycleRule rule) {
    return rule.toBuilder().status(ExpirationStatus.DISABLED).build();
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
