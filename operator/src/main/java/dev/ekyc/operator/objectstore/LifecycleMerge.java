package dev.ekyc.operator.objectstore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * Merges one store's desired rules into a bucket's actual lifecycle configuration. A lifecycle
 * write replaces the whole configuration, so every rule the store does not own (the user's, or
 * another store's on the same bucket) goes back exactly as read and in the same order; the store's
 * own rules follow, as desired.
 */
public final class LifecycleMerge {
  /** S3 refuses a lifecycle configuration with more rules. */
  public static final int MAX_RULES = 1000;

  private LifecycleMerge() {}

  public static MergedLifecycle merge(
      List<LifecycleRule> actual, StoreOwnership ownership, List<OwnedLifecycleRule> desired) {
    checkDesired(ownership, desired);
    List<LifecycleRule> others = new ArrayList<>();
    Map<String, LifecycleRule> ownedNow = new LinkedHashMap<>();
    for (LifecycleRule rule : actual) {
      if (ownership.owns(rule.id())) {
        ownedNow.put(rule.id(), rule);
      } else {
        others.add(rule);
      }
    }

    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    for (OwnedLifecycleRule rule : desired) {
      LifecycleRule current = ownedNow.get(rule.id());
      if (current == null) {
        added.add(rule.id());
      } else if (OwnedLifecycleRule.fromS3(current).equals(Optional.of(rule))) {
        unchanged.add(rule.id());
      } else {
        changed.add(rule.id());
      }
    }
    Set<String> desiredIds = new HashSet<>(desired.stream().map(OwnedLifecycleRule::id).toList());
    List<String> removed =
        ownedNow.keySet().stream().filter(id -> !desiredIds.contains(id)).toList();

    List<LifecycleRule> merged = new ArrayList<>(others);
    desired.forEach(rule -> merged.add(rule.toS3()));
    if (merged.size() > MAX_RULES) {
      throw new LifecycleLimitException(
          "the lifecycle configuration would hold "
              + merged.size()
              + " rules ("
              + desired.size()
              + " of "
              + ownership
              + ", "
              + others.size()
              + " others); S3 allows at most "
              + MAX_RULES
              + ": merge rules that share a prefix and retention, or remove unused rules from the bucket");
    }
    return new MergedLifecycle(
        merged,
        new LifecycleDiff(added, changed, removed, unchanged),
        EarlyExpiryCheck.warnings(others, desired, ownership));
  }

  /**
   * A desired rule outside the store's prefix would be taken for someone else's on the next merge.
   */
  private static void checkDesired(StoreOwnership ownership, List<OwnedLifecycleRule> desired) {
    Set<String> seen = new HashSet<>();
    for (OwnedLifecycleRule rule : desired) {
      if (!ownership.owns(rule.id())) {
        throw new LifecycleLimitException(
            "desired lifecycle rule "
                + rule.id()
                + " does not start with "
                + ownership.idPrefix()
                + ", so it would not count as a rule of "
                + ownership);
      }
      DesiredLifecycleRules.checkLength(rule.id(), ownership.toString());
      if (!seen.add(rule.id())) {
        throw new LifecycleLimitException(
            "lifecycle rule ID "
                + rule.id()
                + " is desired twice for "
                + ownership
                + ": S3 rule IDs are unique per bucket; rename one of the rules");
      }
    }
  }
}
