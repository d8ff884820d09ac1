package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.policy.LifecycleExpiration;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifecycle rules one object-storage DataStore wants in its bucket: one per {@link
 * LifecycleExpiration} of its enforceable policies in Enforce mode, each covering every copy
 * ({@link OwnedLifecycleRule#everyCopy}: also noncurrent versions and, without tags, unfinished
 * uploads), whether or not the bucket is versioned today: the extra actions cost nothing on an
 * unversioned bucket and already hold when versioning is turned on. Audit policies change nothing
 * and policies with errors are not enforced, so neither contributes a rule (an existing one is
 * removed by the merge).
 */
public final class DesiredLifecycleRules {
  /** S3 refuses longer rule IDs. */
  public static final int MAX_ID_LENGTH = 255;

  private DesiredLifecycleRules() {}

  public static List<OwnedLifecycleRule> of(StorePlan store) {
    if (store.type() != StoreType.ObjectStorage) {
      throw new IllegalArgumentException(
          store.store()
              + " is a "
              + store.type()
              + " store: only ObjectStorage stores have lifecycle rules");
    }
    StoreOwnership ownership = StoreOwnership.of(store.store());
    List<OwnedLifecycleRule> rules = new ArrayList<>();
    Map<String, String> sourceOfId = new HashMap<>();
    for (PolicyPlan policy : store.policies()) {
      if (!policy.enforceable() || policy.mode() != EnforcementMode.Enforce) {
        continue;
      }
      for (RulePlan rule : policy.rules()) {
        String source = policy.policy() + " rule " + rule.name();
        for (var mechanism : rule.mechanisms()) {
          if (mechanism instanceof LifecycleExpiration expiration) {
            check(expiration.ruleId(), source, ownership, sourceOfId);
            rules.add(OwnedLifecycleRule.of(expiration));
          }
        }
      }
    }
    return List.copyOf(rules);
  }

  private static void check(
      String id, String source, StoreOwnership ownership, Map<String, String> sourceOfId) {
    checkLength(id, source);
    if (!ownership.owns(id)) {
      // Without the store's prefix the rule could never be found again to update or remove it, and
      // another
      // store could take it for its own.
      throw new LifecycleLimitException(
          source
              + ": lifecycle rule ID "
              + id
              + " does not start with "
              + ownership.idPrefix()
              + ", the prefix that marks the rules of "
              + ownership
              + ": the rule could not be told apart from other stores' rules later. Lifecycle rule IDs must name"
              + " the DataStore (and stay under "
              + MAX_ID_LENGTH
              + " characters with it)");
    }
    String earlier = sourceOfId.putIfAbsent(id, source);
    if (earlier != null) {
      throw new LifecycleLimitException(
          source
              + " and "
              + earlier
              + " both want lifecycle rule ID "
              + id
              + ": S3 rule IDs are unique per bucket; rename one of the rules");
    }
  }

  static void checkLength(String id, String source) {
    if (id.length() > MAX_ID_LENGTH) {
      throw new LifecycleLimitException(
          source
              + ": lifecycle rule ID "
              + id
              + " is "
              + id.length()
              + " characters, S3 allows at most "
              + MAX_ID_LENGTH
              + ": shorten the namespace, DataStore, policy or"
              + " rule name");
    }
  }
}
