package dev.ekyc.operator.objectstore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The objects a lifecycle rule can select: a key prefix ("" for all) and tags an object must all
 * carry.
 */
public record RuleScope(String prefix, Map<String, String> tags) {

  public RuleScope {
    prefix = prefix == null ? "" : prefix;
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
  }

  /**
   * Whether one object can be selected by both: the prefixes nest, and no tag key needs two
   * different values. Size filters are ignored, so this may say yes where sizes keep two rules
   * apart: for warnings, that is the safe side.
   */
  public boolean overlaps(RuleScope other) {
    boolean prefixesNest = prefix.startsWith(other.prefix) || other.prefix.startsWith(prefix);
    return prefixesNest
        && tags.entrySet().stream()
            .allMatch(
                t ->
                    !other.tags.containsKey(t.getKey())
                        || other.tags.get(t.getKey()).equals(t.getValue()));
  }

  /**
   * The scope of any rule read from S3, including the deprecated rule-level Prefix. Empty when the
   * filter names one tag key twice, which no object can match.
   */
  public static Optional<RuleScope> of(LifecycleRule rule) {
    if (rule.filter() == null) {
      return Optional.of(new RuleScope(rule.prefix(), Map.of()));
    }
    return ofFilter(rule.filter());
  }

  static Optional<RuleScope> ofFilter(LifecycleRuleFilter filter) {
    if (filter.and() != null) {
      List<Tag> tags = filter.and().hasTags() ? filter.and().tags() : List.of();
      return tagMap(tags).map(t -> new RuleScope(filter.and().prefix(), t));
    }
    if (filter.tag() != null) {
      return tagMap(List.of(filter.tag())).map(t -> new RuleScope(filter.prefix(), t));
    }
    return Optional.of(new RuleScope(filter.prefix(), Map.of()));
  }

  static boolean hasNoSizeBounds(LifecycleRuleFilter filter) {
    return filter.objectSizeGreaterThan() == null
        && filter.objectSizeLessThan() == null
        && (filter.and() == null
            || filter.and().objectSizeGreaterThan() == null
                && filter.and().objectSizeLessThan() == null);
  }

  private static Optional<Map<String, String>> tagMap(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Tag t : tags) {
      if (map.put(t.key(), t.value()) != null) {
        return Optional.empty();
      }
    }
    return Optional.of(map);
  }

  @Override
  public String toString() {
    return (prefix.isEmpty() ? "the whole bucket" : prefix)
        + (tags.isEmpty() ? "" : " tagged " + tags);
  }
}
