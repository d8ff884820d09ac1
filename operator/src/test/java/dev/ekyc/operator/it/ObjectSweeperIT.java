package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.ServerClock;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectConsent;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.ResourceRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * The sweeper against the two real S3 servers of the test environment, each used for what it can
 * do:
 *
 * <ul>
 *   <li><b>s3proxy 4.1.0 (filesystem backend): age.</b> It reports LastModified from the file's
 *       mtime, so the test makes objects genuinely old by setting the mtime of
 *       EKYC_IT_S3PROXY_DIR/&lt;bucket&gt;/&lt;key&gt; relative to the server's own Date header
 *       (and checks the listing shows it). It does not implement object tagging (PutObjectTagging
 *       and a PutObject with tags answer 501 NotImplemented, checked), so it covers the scenarios
 *       without tags: boundaries, prefixes, prefix-segment consent, paging, cap, dry run.
 *   <li><b>moto: tags.</b> moto cannot backdate an object, and the sweeper's clock is never faked.
 *       Age is real instead: the rules there have retentions of a few seconds (base 2s, consent 8s)
 *       and the test waits, by the server's Date header, until objects are past them. Margins are
 *       whole seconds either side, above the one-second granularity of Date. Tag and age
 *       combinations at day scale are in the unit tests (SweepDeciderTest, SweepRunTest).
 * </ul>
 */
class ObjectSweeperIT {
  private static final ResourceRef CONSENT_POLICY =
      new ResourceRef("ConsentPolicy", "it", "model-training");

  /** Setup, reads and cleanup. */
  private S3Client s3;

  /** The sweeper's client, built the way the operator builds it. */
  private S3Client sweeperClient;

  private String bucket;

  @AfterEach
  void dropBucket() {
    if (s3 == null) {
      return;
    }
    try {
      for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
        s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
      }
      s3.deleteBucket(b -> b.bucket(bucket));
    } finally {
      s3.close();
      sweeperClient.close();
    }
  }

  private void connect(String urlVariable, String bucketPrefix) {
    URI url = Backends.requireReachableUrl(urlVariable);
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = url.toString();
    spec.region = Backends.require("EKYC_IT_S3_REGION");
    spec.pathStyle = true;
    bucket =
        bucketPrefix
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toLowerCase(Locale.ROOT);
    spec.bucket = bucket;
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    var credentials =
        new StoreCredentials.ObjectStorage(
            new AccessKey(accessKey, SecretValue.of(secretKey), Optional.empty()),
            Optional.empty());
    sweeperClient =
        S3Clients.create(
            spec,
            credentials,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            S3Clients.STANDARD_ATTEMPTS);
    // The test's own writes and reads go through a plain client that sends PutObject bodies
    // unchunked and
    // without a flexible checksum: with the SDK's defaults, s3proxy now and then closed the
    // connection during a
    // PutObject body ("Error writing request body to server", every retry), which failed the setup,
    // not the
    // sweeper. The sweeper's client sends no object bodies (ListObjectsV2, GetObjectTagging,
    // DeleteObjects).
    s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(url)
            .region(Region.of(spec.region))
            .forcePathStyle(true)
            .serviceConfiguration(c -> c.chunkedEncodingEnabled(false))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build();
    s3.createBucket(b -> b.bucket(bucket));
  }

  private void put(String key, Map<String, String> tags) {
    s3.putObject(
        b -> {
          b.bucket(bucket).key(key);
          if (!tags.isEmpty()) {
            b.tagging(
                Tagging.builder()
                    .tagSet(
                        tags.entrySet().stream()
                            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                            .toList())
                    .build());
          }
        },
        RequestBody.fromString("face"));
  }

  private Instant serverNow() {
    return ServerClock.now(s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).sdkHttpResponse());
  }

  private List<String> keys() {
    return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
        .map(S3Object::key)
        .sorted()
        .toList();
  }

  private SweepResult sweep(ObjectSweep rule, SweepOptions options) {
    return new ObjectSweeper(sweeperClient, bucket, options).sweep(rule);
  }

  private static ObjectSweep rule(
      String prefix,
      Duration retention,
      ObjectConsent consent,
      String holdKey,
      Map<String, String> selector,
      long cap) {
    return new ObjectSweep(
        prefix, selector, retention, consent, holdKey, "*/15 * * * *", cap, Mechanism.Role.PRIMARY);
  }

  private static SweepOptions pagesOf(int size) {
    return new SweepOptions(false, size, SweepOptions.S3_MAX_KEYS, 1);
  }

  @Nested
  class AgeOnS3proxy {
    private static final Duration RETENTION = Duration.ofHours(2);
    private static final Duration MARGIN = Duration.ofSeconds(10);
    private Instant reference;

    private void connect() {
      ObjectSweeperIT.this.connect("EKYC_IT_S3PROXY_URL", "it-sweep-age-");
      reference = serverNow();
    }

    /** An object whose LastModified (the file's mtime) is {@code age} before the server's time. */
    private void putAged(String key, Duration age) {
      put(key, Map.of());
      Path file = Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket, key);
      try {
        Files.setLastModifiedTime(file, FileTime.from(reference.minus(age)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot backdate " + file, e);
      }
      Instant listed =
          s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().get(0).lastModified();
      assertThat(listed)
          .as("s3proxy reports the backdated mtime as LastModified")
          .isEqualTo(reference.minus(age));
    }

    @Test
    void oldObjectsGoAndYoungOnesStaySecondsEitherSideOfTheCutoffOnlyUnderThePrefix() {
      connect();
      putAged("liveness/just-over", RETENTION.plus(MARGIN));
      putAged("liveness/u1/ancient", Duration.ofDays(400));
      putAged("liveness/just-under", RETENTION.minus(MARGIN));
      putAged("liveness/fresh", Duration.ZERO);
      putAged("liveness-archive/old", Duration.ofDays(400));
      putAged("livenessx", Duration.ofDays(400));
      putAged("id-ocr/old", Duration.ofDays(400));

      SweepResult result =
          sweep(rule("liveness/", RETENTION, null, null, Map.of(), 100), pagesOf(1000));

      assertThat(keys())
          .containsExactly(
              "id-ocr/old",
              "liveness-archive/old",
              "liveness/fresh",
              "liveness/just-under",
              "livenessx");
      assertThat(result.listed()).isEqualTo(4);
      assertThat(result.deleted()).isEqualTo(2);
      assertThat(result.tooYoung()).isEqualTo(2);
      assertThat(result.errors()).isZero();
      assertThat(result.capReached()).isFalse();
      assertThat(result.serverNow()).isBetween(reference, reference.plus(MARGIN));
    }

    @Test
    void aConsentPrefixSegmentKeepsUntilTheConsentRetention() {
      connect();
      var consent =
          new ObjectConsent(
              CONSENT_POLICY,
              null,
              null,
              "consented/",
              Duration.ofDays(30),
              Duration.ofMinutes(15));
      putAged("training/faces/consented/u1/a.jpg", Duration.ofDays(3));
      putAged("training/faces/consented/u2/b.jpg", Duration.ofDays(30).plus(MARGIN));
      putAged("training/faces/u3/consented/c.jpg", Duration.ofDays(3));
      putAged("training/faces/u4/d.jpg", Duration.ofDays(3));

      SweepResult result =
          sweep(rule("training/faces/", RETENTION, consent, null, Map.of(), 100), pagesOf(1000));

      assertThat(keys()).containsExactly("training/faces/consented/u1/a.jpg");
      assertThat(result.keptConsented()).isEqualTo(1);
      assertThat(result.deleted()).isEqualTo(3);
    }

    @Test
    void theCapHoldsExactlyAcrossSmallPagesAndTheBacklogIsReported() {
      connect();
      for (int i = 0; i < 9; i++) {
        putAged("liveness/old-" + i, Duration.ofDays(1));
      }
      for (int i = 0; i < 4; i++) {
        putAged("liveness/young-" + i, Duration.ofMinutes(5));
      }

      SweepResult first = sweep(rule("liveness/", RETENTION, null, null, Map.of(), 6), pagesOf(5));
      assertThat(first.deleted()).isEqualTo(6);
      assertThat(first.capReached()).isTrue();
      assertThat(first.pages()).isEqualTo(2);
      assertThat(keys()).hasSize(7);

      SweepResult second = sweep(rule("liveness/", RETENTION, null, null, Map.of(), 6), pagesOf(5));
      assertThat(second.deleted()).isEqualTo(3);
      assertThat(second.capReached()).isFalse();
      assertThat(second.listed()).isEqualTo(7);
      assertThat(second.pages()).isEqualTo(2);
      assertThat(keys())
          .containsExactly(
              "liveness/young-0", "liveness/young-1", "liveness/young-2", "liveness/young-3");
    }

    @Test
    void aDryRunCountsTheSameAndDeletesNothing() {
      connect();
      for (int i = 0; i < 7; i++) {
        putAged("liveness/old-" + i, Duration.ofDays(1));
      }
      putAged("liveness/young", Duration.ofMinutes(5));

      SweepResult dry =
          sweep(rule("liveness/", RETENTION, null, null, Map.of(), 100), pagesOf(5).asDryRun());

      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.deleted()).isEqualTo(7);
      assertThat(dry.tooYoung()).isEqualTo(1);
      assertThat(keys()).hasSize(8);
    }
  }

  @Nested
  class TagsOnMoto {
    // Wide enough that a slow CI machine still uploads and sweeps within RETENTION, and sweeps the
    // second
    // time well before CONSENTED: each assertion below depends on one of those windows.
    private static final Duration RETENTION = Duration.ofSeconds(4);
    private static final Duration CONSENTED = Duration.ofSeconds(12);

    /** Waits by the server's clock, not the local one, until {@code since + age} has passed. */
    private void awaitServerTime(Instant since, Duration age) throws InterruptedException {
      Instant until = since.plus(age);
      while (!serverNow().isAfter(until)) {
        Thread.sleep(250);
      }
    }

    private Instant lastModified(String key) {
      return s3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().get(0).lastModified();
    }

    @Test
    void heldAndConsentedObjectsStayAndConsentedOnesGoAfterTheConsentRetention()
        throws InterruptedException {
      connect("EKYC_IT_S3_URL", "it-sweep-tags-");
      var consent =
          new ObjectConsent(
              CONSENT_POLICY,
              "consent-model-training",
              "granted",
              null,
              CONSENTED,
              Duration.ofMinutes(15));
      put("training/faces/held", Map.of("legal-hold", "case-17"));
      put("training/faces/consented", Map.of("consent-model-training", "granted"));
      put("training/faces/withdrawn", Map.of("consent-model-training", "withdrawn"));
      put("training/faces/plain", Map.of());
      put("training/faces-archive/plain", Map.of());
      Instant written = lastModified("training/faces/plain");
      ObjectSweep rule = rule("training/faces/", RETENTION, consent, "legal-hold", Map.of(), 100);

      SweepResult young = sweep(rule, pagesOf(2));
      assertThat(young.tooYoung()).as("nothing is RETENTION old yet").isEqualTo(4);
      assertThat(keys()).hasSize(5);

      awaitServerTime(written, RETENTION.plusSeconds(2));
      SweepResult first = sweep(rule, pagesOf(2));
      assertThat(keys())
          .containsExactly(
              "training/faces-archive/plain", "training/faces/consented", "training/faces/held");
      assertThat(first.deleted()).isEqualTo(2);
      assertThat(first.keptHeld()).isEqualTo(1);
      assertThat(first.keptConsented()).isEqualTo(1);
      assertThat(first.tooYoung()).isZero();

      awaitServerTime(written, CONSENTED.plusSeconds(2));
      SweepResult second = sweep(rule, pagesOf(2));
      assertThat(keys()).containsExactly("training/faces-archive/plain", "training/faces/held");
      assertThat(second.deleted()).isEqualTo(1);
      assertThat(second.keptHeld()).isEqualTo(1);
    }

    @Test
    void aTagSelectorDeletesOnlyObjectsCarryingEveryTag() throws InterruptedException {
      connect("EKYC_IT_S3_URL", "it-sweep-sel-");
      put("media/selfie", Map.of("kind", "selfie", "tier", "raw"));
      put("media/selfie-cooked", Map.of("kind", "selfie", "tier", "cooked"));
      put("media/untagged", Map.of());
      Instant written = lastModified("media/untagged");
      awaitServerTime(written, RETENTION.plusSeconds(2));

      SweepResult result =
          sweep(
              rule("media/", RETENTION, null, null, Map.of("kind", "selfie", "tier", "raw"), 100),
              pagesOf(1000));

      assertThat(keys()).containsExactly("media/selfie-cooked", "media/untagged");
      assertThat(result.deleted()).isEqualTo(1);
      assertThat(result.notMatchingTags()).isEqualTo(2);
    }
  }
}
