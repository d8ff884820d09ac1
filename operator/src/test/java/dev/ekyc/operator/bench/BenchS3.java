package dev.ekyc.operator.bench;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.it.Backends;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.ServerClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One S3 server of testenv/ for the sweep benchmark: the sweeper's client built the way the
 * operator builds it, and a plain client for setup and checks (unchunked bodies, as ObjectSweeperIT
 * explains for s3proxy).
 */
final class BenchS3 implements AutoCloseable {
  final URI endpoint;
  final String region = Backends.require("EKYC_IT_S3_REGION");
  final String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
  final String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
  final S3Client setup;

  BenchS3(String urlVariable) {
    endpoint = Backends.requireReachableUrl(urlVariable);
    setup =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .forcePathStyle(true)
            .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build();
  }

  S3Client sweeperClient(String bucket) {
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = endpoint.toString();
    spec.region = region;
    spec.pathStyle = true;
    spec.bucket = bucket;
    var credentials =
        new StoreCredentials.ObjectStorage(
            new AccessKey(accessKey, SecretValue.of(secretKey), Optional.empty()),
            Optional.empty());
    return S3Clients.create(
        spec,
        credentials,
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        S3Clients.STANDARD_ATTEMPTS);
  }

  Instant serverNow(String bucket) {
    return ServerClock.now(setup.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).sdkHttpResponse());
  }

  /** The keys under a prefix, without the prefix, sorted. */
  TreeSet<String> keys(String bucket, String prefix) {
    TreeSet<String> keys = new TreeSet<>();
    for (S3Object o :
        setup.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      keys.add(o.key().substring(prefix.length()));
    }
    return keys;
  }

  void dropBucket(String bucket) {
    List<ObjectIdentifier> batch = new ArrayList<>();
    for (S3Object o : setup.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      batch.add(ObjectIdentifier.builder().key(o.key()).build());
      if (batch.size() == 1000) {
        deleteAll(bucket, batch);
      }
    }
    deleteAll(bucket, batch);
    setup.deleteBucket(b -> b.bucket(bucket));
  }

  private void deleteAll(String bucket, List<ObjectIdentifier> batch) {
    if (!batch.isEmpty()) {
      List<ObjectIdentifier> ids = List.copyOf(batch);
      setup.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(true)));
      batch.clear();
    }
  }

  @Override
  public void close() {
    setup.close();
  }
}
