package dev.ekyc.operator.objectstore;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleAndOperator;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * A lifecycle rule the operator writes: enabled, a prefix and tag filter, and expiration after whole days,
 * nothing else. Two rules are equal when they select and expire the same objects, however S3 spelled the filter.
 */
public record OwnedLifecycleRule(String id, String prefix, Map<String, String> tags, int days) {

  public OwnedLifecycleRule {
    prefix = prefix == null ? "" : prefix;
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    if (days < 1) {
      throw new IllegalArgumentException("lifecycle rule " + id + ": S3 expires after at least 1 day, got " + days);
    }
  }

  public RuleScope scope() {
    return new RuleScope(prefix, tags);
  }

  /** The S3 shape: Prefix alone without tags, Tag alone for one tag and no prefix, And otherwise. */
  public LifecycleRule toS3() {
    return LifecycleRule.builder()
        .id(id)
        .status(ExpirationStatus.ENABLED)
        .filter(filter())
        .expiration(e -> e.days(days))
        .build();
  }

  private LifecycleRuleFilter filter() {
    if (tags.isEmpty()) {
      return LifecycleRuleFilter.builder().prefix(prefix).build();
    }
    List<Tag> s3Tags = tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
        .toList();
    if (s3Tags.size() == 1 && prefix.isEmpty()) {
      return LifecycleRuleFilter.builder().tag(s3Tags.get(0)).build();
    }
    LifecycleRuleAndOperator.Builder and = LifecycleRuleAndOperator.builder().tags(s3Tags);
    if (!prefix.isEmpty()) {
      and.prefix(prefix);
    }
    return LifecycleRuleFilter.builder().and(and.build()).build();
  }

  /**
   * The rule as the operator would have written it, or empty when it does anything more or else (disabled,
   * transitions, a date, size filters ...): such a rule differs from every desired one and gets rewritten.
   */
  public static Optional<OwnedLifecycleRule> fromS3(LifecycleRule rule) {
    var expiration = rule.expiration();
    boolean onlyExpiresAfterDays = rule.status() == ExpirationStatus.ENABLED
        && expiration != null && expiration.days() != null && expiration.days() >= 1 && expiration.date() == null
        && !Boolean.TRUE.equals(expiration.expiredObjectDeleteMarker())
        && !rule.hasTransitions() && !rule.hasNoncurrentVersionTransitions()
        && rule.noncurrentVersionExpiration() == null && rule.abortIncompleteMultipartUpload() == null
        && rule.prefix() == null && rule.filter() != null && RuleScope.hasNoSizeBounds(rule.filter());
    if (!onlyExpiresAfterDays) {
      return Optional.empty();
    }
    return RuleScope.ofFilter(rule.filter())
        .map(scope -> new OwnedLifecycleRule(rule.id(), scope.prefix(), scope.tags(), expiration.days()));
  }

  @Override
  public String toString() {
    return id + " (expire " + (prefix.isEmpty() ? "the whole bucket" : prefix)
        + (tags.isEmpty() ? "" : " tagged " + tags) + " after " + days + (days == 1 ? " day)" : " days)");
  }
}
