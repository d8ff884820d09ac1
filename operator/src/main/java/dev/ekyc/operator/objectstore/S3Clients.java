package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.PemTrust;
import dev.ekyc.operator.credentials.StoreCredentials;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one way the operator builds an S3 client for a DataStore: its endpoint, region and addressing
 * style, the access key from its Secret and, when given, its private CA. Probes and lifecycle
 * writes differ only in timeouts and in how often a call is tried.
 */
public final class S3Clients {
  /** Probes: the reconciler retries with its own backoff, and a probe must stay short. */
  public static final int SINGLE_ATTEMPT = 1;

  /**
   * Writes: the SDK's standard strategy (3 attempts with backoff) rides out throttling and brief
   * 5xx.
   */
  public static final int STANDARD_ATTEMPTS = 3;

  private S3Clients() {}

  /**
   * {@code connect} and {@code read} bound each attempt; a single-attempt client is bounded as a
   * whole too.
   */
  public static S3Client create(
      ObjectStorageSpec spec,
      StoreCredentials.ObjectStorage credentials,
      Duration connect,
      Duration read,
      int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    UrlConnectionHttpClient.Builder http =
        UrlConnectionHttpClient.builder().connectionTimeout(connect).socketTimeout(read);
    credentials
        .caPem()
        .ifPresent(pem -> http.tlsTrustManagersProvider(() -> PemTrust.trustManagers(pem)));
    Duration perAttempt = connect.plus(read);
    return S3Client.builder()
        .httpClient(http.build())
        .endpointOverride(URI.create(spec.endpoint))
        .region(Region.of(spec.region))
        .forcePathStyle(Boolean.TRUE.equals(spec.pathStyle))
        .credentialsProvider(
            StaticCredentialsProvider.create(awsCredentials(credentials.accessKey())))
        .overrideConfiguration(
            o -> {
              o.retryStrategy(r -> r.maxAttempts(maxAttempts)).apiCallAttemptTimeout(perAttempt);
              if (maxAttempts == SINGLE_ATTEMPT) {
                o.apiCallTimeout(perAttempt);
              }
            })
        .build();
  }

  private static AwsCredentials awsCredentials(AccessKey key) {
    return key.sessionToken()
        .<AwsCredentials>map(
            token ->
                AwsSessionCredentials.create(
                    key.accessKeyId(), key.secretAccessKey().reveal(), token.reveal()))
        .orElseGet(
            () -> AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey().reveal()));
  }
}
