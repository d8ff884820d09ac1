package dev.ekyc.operator.objectstore;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationRequest;
import software.amazon.awssdk.services.s3.model.GetBucketReplicationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What AWS S3 answers for a bucket that never had versioning, Object Lock, replication or an
 * unfinished upload, for the in-memory S3 stand-ins of the unit tests and benches (real servers
 * answer the same, see BucketFactsIT).
 */
public interface UnversionedBucketAnswers extends S3Client {

  @Override
  default GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
    return GetBucketVersioningResponse.builder().build();
  }

  @Override
  default GetObjectLockConfigurationResponse getObjectLockConfiguration(
      GetObjectLockConfigurationRequest request) {
    throw notFound("ObjectLockConfigurationNotFoundError");
  }

  @Override
  default GetBucketReplicationResponse getBucketReplication(GetBucketReplicationRequest request) {
    throw notFound("ReplicationConfigurationNotFoundError");
  }

  @Override
  default ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
    return ListMultipartUploadsResponse.builder().isTruncated(false).build();
  }

  private static S3Exception notFound(String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(404)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }
}
