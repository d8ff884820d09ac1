package dev.ekyc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.it.Backends;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A media bucket on the host's s3proxy (filesystem backend, so objects can be made genuinely old
 * through their files' mtimes), with a DataStore and a RetentionPolicy whose sweep runs every
 * minute: two objects under liveness/ 3 h old (past the 1h45m retention) and one young one.
 */
final class SweepOnS3Proxy {
  static final String POLICY = "media";
  static final String CRON_JOB = "ekyc-sweep-" + POLICY;
  static final String YOUNG = "liveness/young.jpg";
  private static final List<String> OLD = List.of("liveness/old-1.jpg", "liveness/old-2.jpg");

  private final KubernetesClient client;
  private final String namespace;
  private final S3Client s3;
  private final String bucket;

  private SweepOnS3Proxy(KubernetesClient client, String namespace, S3Client s3, String bucket) {
    this.client = client;
    this.namespace = namespace;
    this.s3 = s3;
    this.bucket = bucket;
  }

  static SweepOnS3Proxy prepare(KubernetesClient client, String namespace) {
    URI url = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    S3Client s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(url)
            .region(Region.of(region))
            .forcePathStyle(true)
            // s3proxy drops chunked PutObject bodies now and then.
            .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build();
    String bucket =
        ("it-cluster-sweep-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    s3.createBucket(b -> b.bucket(bucket));
    Instant now = Instant.now();
    for (String key : OLD) {
      s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("image"));
      Path file = Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket, key);
      try {
        Files.setLastModifiedTime(file, FileTime.from(now.minus(Duration.ofHours(3))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot backdate " + file, e);
      }
    }
    s3.putObject(b -> b.bucket(bucket).key(YOUNG), RequestBody.fromString("image"));

    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("cos-credentials")
                .withNamespace(namespace)
                .endMetadata()
                .withStringData(Map.of("accessKeyId", accessKey, "secretAccessKey", secretKey))
                .build())
        .serverSideApply();
    apply(
        client,
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata:
          name: media
          namespace: %s
        spec:
          jurisdiction: SG
          objectStorage:
            endpoint: %s
            region: %s
            bucket: %s
            pathStyle: true
            credentialsSecretRef:
              name: cos-credentials
              accessKeyIdKey: accessKeyId
              secretAccessKeyKey: secretAccessKey
        ---
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: %s
          namespace: %s
        spec:
          storeRef:
            name: media
          mode: Enforce
          schedule: "*/1 * * * *"
          rules:
            - name: liveness-media
              dataCategory: biometric
              purpose: testing the operator's sweep CronJob
              legalBasis: Contract
              objects:
                prefix: liveness/
              retention: 105m
              deleteWithin: 2h
        """
            .formatted(namespace, url, region, bucket, POLICY, namespace));
    SweepOnS3Proxy sweep = new SweepOnS3Proxy(client, namespace, s3, bucket);
    assertThat(sweep.keys()).hasSize(3);
    return sweep;
  }

  private static void apply(KubernetesClient client, String yaml) {
    client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).serverSideApply();
  }

  List<String> keys() {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  RetentionPolicy policy() {
    return client.resources(RetentionPolicy.class).inNamespace(namespace).withName(POLICY).get();
  }

  /** The operator's Prometheus endpoint on the host network. */
  static String scrape(int port) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
