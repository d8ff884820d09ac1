package dev.ekyc.operator.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/** Creates the buckets a test needs on a local S3 server. */
public final class TestBuckets {
  private TestBuckets() {}

  public static void create(
      URI endpoint, String region, String accessKey, String secretKey, String bucket) {
    try (S3Client s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build()) {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // already there from an earlier run: fine
    }
  }
}
