package dev.ekyc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.it.Backends;
import dev.ekyc.operator.objectstore.ServerClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * The reference media bucket on the host's s3proxy, whose object ages follow the files' mtimes, so media can be
 * made genuinely older than the reference policy's 1h45m. Ages are set against s3proxy's own clock (its Date
 * header), the clock the sweeper reads.
 */
final class ReferenceMedia implements AutoCloseable {
  /** Objects and their ages: what the reference policy must delete, and what it must keep. */
  static final Map<String, Duration> DUE = Map.of(
      "liveness/session-1/best-frame.jpg", Duration.ofHours(3),
      "liveness/session-2/video.mp4", Duration.ofMinutes(110),
      "id-ocr/session-1/card-front.jpg", Duration.ofHours(3),
      "id-ocr/session-2/card-back.jpg", Duration.ofMinutes(110));
  static final Map<String, Duration> KEPT = Map.of(
      "liveness/session-3/best-frame.jpg", Duration.ofMinutes(20),
      "id-ocr/session-3/card-front.jpg", Duration.ofMinutes(20),
      "training/faces/user-7.jpg", Duration.ofMinutes(20),
      // No rule covers it: never touched, however old.
      "archive/2020/report.pdf", Duration.ofDays(400));

  private final S3Client s3;
  private final URI url;
  private final String bucket;

  private ReferenceMedia(S3Client s3, URI url, String bucket) {
    this.s3 = s3;
    this.url = url;
    this.bucket = bucket;
  }

  /** A new bucket with {@link #DUE} and {@link #KEPT} at their ages. */
  static ReferenceMedia create() {
    URI url = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
    S3Client s3 = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(url)
        .region(Region.of(Backends.require("EKYC_IT_S3_REGION")))
        .forcePathStyle(true)
        // s3proxy drops chunked PutObject bodies now and then.
        .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            Backends.require("EKYC_IT_S3_ACCESS_KEY"), Backends.require("EKYC_IT_S3_SECRET_KEY"))))
        .build();
    String bucket = ("it-cluster-reference-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
        .toLowerCase(Locale.ROOT);
    s3.createBucket(b -> b.bucket(bucket));
    ReferenceMedia media = new ReferenceMedia(s3, url, bucket);
    Instant now = ServerClock.now(s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).sdkHttpResponse());
    DUE.forEach((key, age) -> media.putAged(key, now.minus(age)));
    KEPT.forEach((key, age) -> media.putAged(key, now.minus(age)));
    assertThat(media.keys()).hasSize(DUE.size() + KEPT.size());
    return media;
  }

  URI url() {
    return url;
  }

  String bucket() {
    return bucket;
  }

  List<String> keys() {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
  }

  private void putAged(String key, Instant lastModified) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("media"));
    Path file = Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket, key);
    try {
      Files.setLastModifiedTime(file, FileTime.from(lastModified));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot backdate " + file, e);
    }
  }

  @Override
  public void close() {
    for (String key : keys()) {
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
    s3.deleteBucket(b -> b.bucket(bucket));
    s3.close();
  }
}
