package dev.ekyc.operator.objectstore;

import java.util.List;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * A bucket's lifecycle configuration as read: its rules (none when it has no configuration) and the
 * bucket-wide minimum object size for transitions, which a write must hand back or S3 resets it to
 * its default.
 */
public record BucketLifecycleState(
    List<LifecycleRule> rules, String transitionDefaultMinimumObjectSize) {

  public static final BucketLifecycleState NONE = new BucketLifecycleState(List.of(), null);

  public BucketLifecycleState {
    rules = List.copyOf(rules);
  }
}
