package dev.ekyc.operator.objectstore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * Compares what a bucket holds after a write with what was meant: the store's own rules must be
 * exactly the desired ones, and everyone else's exactly what was read before the write, in the same
 * order.
 */
final class LifecycleVerification {
  private LifecycleVerification() {}

  /** One line per difference; empty when the bucket holds what was written. */
  static List<String> differences(
      StoreOwnership ownership,
      List<OwnedLifecycleRule> desired,
      List<LifecycleRule> othersBefore,
      List<LifecycleRule> after) {
    List<String> differences = new ArrayList<>();
    Map<String, LifecycleRule> ownedAfter = new LinkedHashMap<>();
    List<LifecycleRule> othersAfter = new ArrayList<>();
    for (LifecycleRule rule : after) {
      if (ownership.owns(rule.id())) {
        ownedAfter.put(rule.id(), rule);
      } else {
        othersAfter.add(rule);
      }
    }
    for (OwnedLifecycleRule rule : desired) {
      LifecycleRule found = ownedAfter.remove(rule.id());
      if (found == null) {
        differences.add("rule " + rule.id() + " is missing");
      } else if (!OwnedLifecycleRule.fromS3(found).equals(Optional.of(rule))) {
        differences.add("rule " + rule.id() + " should be " + rule + " but is " + describe(found));
      }
    }
    ownedAfter
        .keySet()
        .forEach(id -> differences.add("rule " + id + " of " + ownership + " should not be there"));
    if (!othersAfter.equals(othersBefore)) {
      differences.add(
          "the rules not owned by "
              + ownership
              + " changed: before the write "
              + ids(othersBefore)
              + ", now "
              + ids(othersAfter)
              + describeChanged(othersBefore, othersAfter));
    }
    return differences;
  }

  private static String describe(LifecycleRule rule) {
    return OwnedLifecycleRule.fromS3(rule)
        .map(OwnedLifecycleRule::toString)
        .orElse("a rule with other settings (status " + rule.statusAsString() + ")");
  }

  private static List<String> ids(List<LifecycleRule> rules) {
    return rules.stream().map(r -> Objects.toString(r.id(), "(unnamed)")).toList();
  }

  /** Same IDs in the same order but other content: name the rules whose content changed. */
  private static String describeChanged(List<LifecycleRule> before, List<LifecycleRule> after) {
    if (!ids(before).equals(ids(after))) {
      return "";
    }
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).equals(after.get(i))) {
        changed.add(Objects.toString(before.get(i).id(), "(unnamed #" + (i + 1) + ")"));
      }
    }
    return " (content changed: " + changed + ")";
  }
}
