package dev.ekyc.operator.objectstore;

import java.util.List;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * The whole configuration to write to a bucket after merging one store's rules, what that changes
 * for the store, and the rules of others that can delete its objects early.
 */
public record MergedLifecycle(
    List<LifecycleRule> rules, LifecycleDiff diff, List<LifecycleWarning> warnings) {

  public MergedLifecycle {
    rules = List.copyOf(rules);
    warnings = List.copyOf(warnings);
  }
}
