package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.LifecycleExpiration;
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
 * A lifecycle rule the operator writes: enabled, a prefix and tag filter, expiration after whole
 * days and, so that the backstop covers every copy on a versioned bucket, noncurrent versions
 * expired and unfinished uploads aborted; nothing else. Expired delete markers need no action of
 * their own: S3 removes them under a rule that expires current versions after days (and refuses
 * ExpiredObjectDeleteMarker next to Days in one rule). Two rules are equal when they select and
 * expire the same objects, however S3 spelled the filter.
 *
 * @param noncurrentDays NoncurrentVersionExpiration: days after a version became noncurrent; null:
 *     not set
 * @param abortIncompleteDays AbortIncompleteMultipartUpload: days after an upload was initiated;
 *     null: not set (S3 refuses it in a rule with a tag filter)
 */
public record OwnedLifecycleRule(
    String id,
    String prefix,
    Map<String, String> tags,
    int days,
    Integer noncurrentDays,
    Integer abortIncompleteDays) {

  public OwnedLifecycleRule {
    prefix = prefix == null ? "" : prefix;
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    if (days < 1) {
      throw new IllegalArgumentException(
          "lifecycle rule " + id + ": S3 expires after at least 1 day, got " + days);
    }
    if (noncurrentDays != null && noncurrentDays < 1
        || abortIncompleteDays != null && abortIncompleteDays < 1) {
      throw new IllegalArgumentException("lifecycle rule " + id + ": S3 counts at least 1 day");
    }
    if (abortIncompleteDays != null && !tags.isEmpty()) {
      throw new IllegalArgumentException(
          "lifecycle rule "
              + id
              + ": S3 refuses AbortIncompleteMultipartUpload in a"
              + " rule with a tag filter");
    }
  }

  /** Expiration of current objects only (the shape before versions were covered). */
  public OwnedLifecycleRule(String id, String prefix, Map<String, String> tags, int days) {
    this(id, prefix, tags, days, null, null);
  }

  /**
   * The backstop for every copy: current objects after {@code days}, noncurrent versions {@code
   * days} after they became noncurrent (never sooner than the current object would go, so a
   * consented copy is not cut short), and, without tags, unfinished uploads after 1 day.
   */
  /** The rule the operator writes for a plan's lifecycle backstop. */
  public static OwnedLifecycleRule of(LifecycleExpiration expiration) {
    return everyCopy(
        expiration.ruleId(), expiration.prefix(), expiration.tags(), expiration.days());
  }

  public static OwnedLifecycleRule everyCopy(
      String id, String prefix, Map<String, String> tags, int days) {
    return new OwnedLifecycleRule(id, prefix, tags, days, days, tags.isEmpty() ? 1 : null);
  }

  public RuleScope scope() {
    return new RuleScope(prefix, tags);
  }

  /**
   * The S3 shape: Prefix alone without tags, Tag alone for one tag and no prefix, And otherwise.
   */
  public LifecycleRule toS3() {
    LifecycleRule.Builder rule =
        LifecycleRule.builder()
            .id(id)
            .status(ExpirationStatus.ENABLED)
            .filter(filter())
            .expiration(e -> e.days(days));
    if (noncurrentDays != null) {
      rule.noncurrentVersionExpiration(n -> n.noncurrentDays(noncurrentDays));
    }
    if (abortIncompleteDays != null) {
      rule.abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(abortIncompleteDays));
    }
    return rule.build();
  }

  private LifecycleRuleFilter filter() {
    if (tags.isEmpty()) {
      return LifecycleRuleFilter.builder().prefix(prefix).build();
    }
    List<Tag> s3Tags =
        tags.entrySet().stream()
            .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
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
   * The rule as the operator would have written it, or empty when it does anything more or else
   * (disabled, transitions, a date, size filters ...): such a rule differs from every desired one
   * and gets rewritten.
   */
  public static Optional<OwnedLifecycleRule> fromS3(LifecycleRule rule) {
    var expiration = rule.expiration();
    boolean onlyExpiresAfterDays =
        rule.status() == ExpirationStatus.ENABLED
            && expiration != null
            && expiration.days() != null
            && expiration.days() >= 1
            && expiration.date() == null
            && !Boolean.TRUE.equals(expiration.expiredObjectDeleteMarker())
            && !rule.hasTransitions()
            && !rule.hasNoncurrentVersionTransitions()
            && rule.prefix() == null
            && rule.filter() != null
            && RuleScope.hasNoSizeBounds(rule.filter());
    var noncurrent = rule.noncurrentVersionExpiration();
    boolean plainNoncurrent =
        noncurrent == null
            || noncurrent.noncurrentDays() != null
                && noncurrent.noncurrentDays() >= 1
                && noncurrent.newerNoncurrentVersions() == null;
    var abort = rule.abortIncompleteMultipartUpload();
    boolean plainAbort =
        abort == null || abort.daysAfterInitiation() != null && abort.daysAfterInitiation() >= 1;
    if (!onlyExpiresAfterDays || !plainNoncurrent || !plainAbort) {
      return Optional.empty();
    }
    Integer noncurrentDays = noncurrent == null ? null : noncurrent.noncurrentDays();
    Integer abortDays = abort == null ? null : abort.daysAfterInitiation();
    return RuleScope.ofFilter(rule.filter())
        .filter(scope -> abortDays == null || scope.tags().isEmpty())
        .map(
            scope ->
                new OwnedLifecycleRule(
                    rule.id(),
                    scope.prefix(),
                    scope.tags(),
                    expiration.days(),
                    noncurrentDays,
                    abortDays));
  }

  @Override
  public String toString() {
    return id
        + " (expire "
        + (prefix.isEmpty() ? "the whole bucket" : prefix)
        + (tags.isEmpty() ? "" : " tagged " + tags)
        + " after "
        + days
        + (days == 1 ? " day" : " days")
        + (noncurrentDays == null
            ? ""
            : ", noncurrent versions "
                + noncurrentDays
                + (noncurrentDays == 1 ? " day" : " days")
                + " after they became noncurrent")
        + (abortIncompleteDays == null
            ? ""
            : ", unfinished uploads after "
                + abortIncompleteDays
                + (abortIncompleteDays == 1 ? " day" : " days"))
        + ")";
  }
}
