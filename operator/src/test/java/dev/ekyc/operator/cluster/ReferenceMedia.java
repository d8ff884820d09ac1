package dev.ekyc.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.it.Backends;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The reference media bucket on a {@link ClockShiftedMoto}: objects under each prefix of the
 * reference media policy, written with their ages (and the consent tag of ConsentPolicy
 * model-training where the app would set it), for what the policy must delete and what it must
 * keep.
 */
final class ReferenceMedia implements AutoCloseable {
  static final String CONSENT_TAG = "consent-model-training";

  /** One object: its key, how old it is, and its consent tag's value (null: none). */
  record Media(String key, Duration age, String consent) {}

  static final List<Media> DUE =
      List.of(
          new Media("liveness/session-1/best-frame.jpg", Duration.ofHours(3), null),
          new Media("liveness/session-2/video.mp4", Duration.ofMinutes(110), null),
          new Media("id-ocr/session-1/card-front.jpg", Duration.ofHours(3), null),
          new Media("id-ocr/session-2/card-back.jpg", Duration.ofMinutes(110), null),
          new Media("training/faces/user-1.jpg", Duration.ofHours(3), null),
          // Consent withdrawn: the app changed the tag.
          new Media("training/faces/user-2.jpg", Duration.ofHours(3), "withdrawn"),
          // Consent keeps a face 30 days, not longer.
          new Media("training/faces/user-3.jpg", Duration.ofDays(31), "granted"));
  static final List<Media> KEPT =
      List.of(
          new Media("liveness/session-3/best-frame.jpg", Duration.ofMinutes(20), null),
          new Media("id-ocr/session-3/card-front.jpg", Duration.ofMinutes(20), null),
          new Media("training/faces/user-4.jpg", Duration.ofMinutes(20), null),
          new Media("training/faces/user-5.jpg", Duration.ofHours(3), "granted"),
          new Media("training/faces/user-6.jpg", Duration.ofDays(29), "granted"),
          // No rule covers it: never touched, however old.
          new Media("archive/2020/report.pdf", Duration.ofDays(400), null));

  private final S3Client s3;
  private final ClockShiftedMoto moto;
  private final String bucket;

  private ReferenceMedia(S3Client s3, ClockShiftedMoto moto, String bucket) {
    this.s3 = s3;
    this.moto = moto;
    this.bucket = bucket;
  }

  /** A new bucket on {@code moto} holding {@link #DUE} and {@link #KEPT} at their ages. */
  static ReferenceMedia create(ClockShiftedMoto moto) {
    S3Client s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(moto.url())
            .region(Region.of(Backends.require("EKYC_IT_S3_REGION")))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        Backends.require("EKYC_IT_S3_ACCESS_KEY"),
                        Backends.require("EKYC_IT_S3_SECRET_KEY"))))
            .build();
    String bucket =
        ("ekyc-verification-media-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    s3.createBucket(b -> b.bucket(bucket));
    ReferenceMedia media = new ReferenceMedia(s3, moto, bucket);
    try {
      DUE.forEach(media::put);
      KEPT.forEach(media::put);
    } finally {
      moto.setClockBehind(Duration.ZERO);
    }
    media.assertAges();
    return media;
  }

  String bucket() {
    return bucket;
  }

  java.net.URI url() {
    return moto.url();
  }

  List<String> keys() {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private void put(Media media) {
    moto.setClockBehind(media.age());
    s3.putObject(
        b -> {
          b.bucket(bucket).key(media.key());
          if (media.consent() != null) {
            b.tagging(CONSENT_TAG + "=" + media.consent());
          }
        },
        RequestBody.fromString("media"));
  }

  /**
   * The server lists each object with the age it was written with (within a minute of setup time).
   */
  private void assertAges() {
    Instant now = Instant.now();
    List<S3Object> listed =
        s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().toList();
    assertThat(listed).hasSize(DUE.size() + KEPT.size());
    for (Media media : concat()) {
      S3Object object =
          listed.stream().filter(o -> o.key().equals(media.key())).findFirst().orElseThrow();
      assertThat(Duration.between(object.lastModified(), now))
          .as(media.key() + " age")
          .isBetween(media.age().minusMinutes(1), media.age().plusMinutes(1));
    }
  }

  private static List<Media> concat() {
    return java.util.stream.Stream.concat(DUE.stream(), KEPT.stream()).toList();
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
