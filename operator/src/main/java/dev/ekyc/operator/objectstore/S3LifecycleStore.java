package dev.ekyc.operator.objectstore;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketLifecycleConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads and replaces one bucket's whole lifecycle configuration; no merging here. */
public class S3LifecycleStore {
  private final S3Client s3;
  private final String bucket;

  public S3LifecycleStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  public String bucket() {
    return bucket;
  }

  /** A bucket without a configuration (404 NoSuchLifecycleConfiguration) has no rules. */
  public BucketLifecycleState read() {
    try {
      GetBucketLifecycleConfigurationResponse response =
          s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket));
      return new BucketLifecycleState(
          response.hasRules() ? response.rules() : List.of(),
          response.transitionDefaultMinimumObjectSizeAsString());
    } catch (S3Exception e) {
      if (e.statusCode() == 404
          && e.awsErrorDetails() != null
          && "NoSuchLifecycleConfiguration".equals(e.awsErrorDetails().errorCode())) {
        return BucketLifecycleState.NONE;
      }
      throw failed("GetBucketLifecycleConfiguration", e);
    } catch (SdkException e) {
      throw failed("GetBucketLifecycleConfiguration", e);
    }
  }

  /**
   * Replaces the configuration; an empty rule list deletes it, since S3 refuses a configuration
   * without rules.
   */
  public void write(List<LifecycleRule> rules, String transitionDefaultMinimumObjectSize) {
    if (rules.isEmpty()) {
      try {
        s3.deleteBucketLifecycle(b -> b.bucket(bucket));
      } catch (SdkException e) {
        throw failed("DeleteBucketLifecycle", e);
      }
      return;
    }
    try {
      s3.putBucketLifecycleConfiguration(
          b ->
              b.bucket(bucket)
                  .lifecycleConfiguration(c -> c.rules(rules))
                  .transitionDefaultMinimumObjectSize(transitionDefaultMinimumObjectSize));
    } catch (SdkException e) {
      throw failed("PutBucketLifecycleConfiguration", e);
    }
  }

  private LifecycleRequestException failed(String call, SdkException e) {
    String message =
        e.getMessage() == null
            ? e.getClass().getSimpleName()
            : e.getMessage().lines().findFirst().orElse("");
    return new LifecycleRequestException(call + " on bucket " + bucket + " failed: " + message, e);
  }
}
