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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
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
 * The sweeper as the operator runs it (SweepOptions.defaults(): concurrent requests, the prefix
 * listed as shards) against real servers, with small pages so that the delimiter listing and every
 * shard span several pages: each object decided once, the cap never passed across shards,
 * prefix-segment consent and tags as in the sequential sweep (ObjectSweeperIT covers the sequential
 * one).
 */
class ShardedSweepIT {
  private static final Duration RETENTION = Duration.ofHours(2);
  private static final SweepOptions SHARDED =
      new SweepOptions(false, 3, 4, 1, SweepOptions.DEFAULT_CONCURRENCY);

  private S3Client s3;
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

  private void connect(String urlVariable) {
    URI url = Backends.requireReachableUrl(urlVariable);
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = url.toString();
    spec.region = Backends.require("EKYC_IT_S3_REGION");
    spec.pathStyle = true;
    bucket =
        "it-shard-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toLowerCase(Locale.ROOT);
    spec.bucket = bucket;
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    sweeperClient =
        S3Clients.create(
            spec,
            new StoreCredentials.ObjectStorage(
                new AccessKey(accessKey, SecretValue.of(secretKey), Optional.empty()),
                Optional.empty()),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            S3Clients.STANDARD_ATTEMPTS);
    // Unchunked bodies without flexible checksums for the test's own writes (see ObjectSweeperIT
    // for why).
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

  /**
   * On s3proxy: an object whose LastModified (its file's mtime) is {@code age} before {@code now}.
   */
  private void putAged(String key, Duration age, Instant now) {
    put(key, Map.of());
    Path file = Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket, key);
    try {
      Files.setLastModifiedTime(file, FileTime.from(now.minus(age)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot backdate " + file, e);
    }
  }

  private TreeSet<String> keys() {
    TreeSet<String> keys = new TreeSet<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> keys.add(o.key()));
    return keys;
  }

  private SweepResult sweep(ObjectSweep rule) {
    return new ObjectSweeper(sweeperClient, bucket, SHARDED).sweep(rule);
  }

  private static ObjectSweep rule(
      String prefix, Duration retention, ObjectConsent consent, String holdKey, long cap) {
    return new ObjectSweep(
        prefix, Map.of(), retention, consent, holdKey, "*/15 * * * *", cap, Mechanism.Role.PRIMARY);
  }

  @Test
  void everyObjectUnderThePrefixIsDecidedOnceAcrossShardsAndPages() {
    connect("EKYC_IT_S3PROXY_URL");
    Instant now = serverNow();
    List<String> expected = new ArrayList<>();
    for (int user = 0; user < 9; user++) {
      for (int i = 0; i < 5; i++) {
        putAged("liveness/u" + user + "/old-" + i, RETENTION.plusSeconds(60), now);
        putAged("liveness/u" + user + "/young-" + i, RETENTION.minusSeconds(60), now);
        expected.add("liveness/u" + user + "/young-" + i);
      }
    }
    for (int i = 0; i < 7; i++) {
      putAged("liveness/top-old-" + i, Duration.ofDays(400), now);
      putAged("liveness/top-young-" + i, Duration.ZERO, now);
      expected.add("liveness/top-young-" + i);
    }
    putAged("liveness/u1/deeper/old", Duration.ofDays(400), now);
    putAged("liveness-archive/old", Duration.ofDays(400), now);
    putAged("livenessx", Duration.ofDays(400), now);
    expected.addAll(List.of("liveness-archive/old", "livenessx"));

    SweepResult result = sweep(rule("liveness/", RETENTION, null, null, 1000));

    assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.listed()).isEqualTo(9 * 10 + 14 + 1);
    assertThat(result.deleted()).isEqualTo(9 * 5 + 7 + 1);
    assertThat(result.tooYoung()).isEqualTo(9 * 5 + 7);
    assertThat(result.errors()).isZero();
    assertThat(result.capReached()).isFalse();
    assertThat(result.pages())
        .as("pages of 3: delimiter listing and shards each span several")
        .isGreaterThan(20);
  }

  @Test
  void manySmallSubPrefixesEndShardingAndTheRestIsOneListingWithoutMissingOrRepeatingAKey() {
    connect("EKYC_IT_S3PROXY_URL");
    Instant now = serverNow();
    List<String> expected = new ArrayList<>();
    int users = 60;
    for (int user = 0; user < users; user++) {
      String key =
          String.format(Locale.ROOT, "selfies/u%02d/%s", user, user % 2 == 0 ? "old" : "young");
      putAged(key, user % 2 == 0 ? Duration.ofDays(400) : Duration.ZERO, now);
      if (user % 2 == 1) {
        expected.add(key);
      }
    }
    // Objects directly under the prefix that sort between sub-prefixes: "u30.jpg" before "u30/",
    // "u45x" after "u45/".
    putAged("selfies/u30.jpg", Duration.ofDays(400), now);
    putAged("selfies/u45x", Duration.ofDays(400), now);
    putAged("selfies/zz-young", Duration.ZERO, now);
    expected.add("selfies/zz-young");
    // Pages of 20 keys, 1 object per sub-prefix: sparse, so sharding stops after 16 shards.
    var options = new SweepOptions(false, 20, 7, 1, SweepOptions.DEFAULT_CONCURRENCY);

    SweepResult result =
        new ObjectSweeper(sweeperClient, bucket, options)
            .sweep(rule("selfies/", RETENTION, null, null, 1000));

    assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.listed()).as("each key decided once").isEqualTo(users + 3);
    assertThat(result.deleted()).isEqualTo(users / 2 + 2);
    assertThat(result.tooYoung()).isEqualTo(users / 2 + 1);
    assertThat(result.pages()).as("far fewer than one request per sub-prefix").isLessThan(users);
  }

  @Test
  void theCapHoldsAcrossShardsAndTheRestWaitsForTheNextRun() {
    connect("EKYC_IT_S3PROXY_URL");
    Instant now = serverNow();
    for (int user = 0; user < 10; user++) {
      for (int i = 0; i < 10; i++) {
        putAged("faces/u" + user + "/old-" + i, Duration.ofDays(400), now);
      }
    }

    SweepResult capped = sweep(rule("faces/", RETENTION, null, null, 25));

    assertThat(capped.deleted()).isEqualTo(25);
    assertThat(capped.capReached()).isTrue();
    assertThat(keys()).hasSize(75);

    SweepResult rest = sweep(rule("faces/", RETENTION, null, null, 1000));
    assertThat(rest.deleted()).isEqualTo(75);
    assertThat(keys()).isEmpty();
  }

  @Test
  void aConsentSegmentThatIsAShardIsKeptUntilTheConsentRetention() {
    connect("EKYC_IT_S3PROXY_URL");
    Instant now = serverNow();
    var consent =
        new ObjectConsent(
            new ResourceRef("ConsentPolicy", "it", "model-training"),
            null,
            null,
            "consented/",
            Duration.ofDays(30),
            Duration.ofMinutes(15));
    putAged("training/consented/u1/a.jpg", Duration.ofDays(3), now);
    putAged("training/consented/u2/b.jpg", Duration.ofDays(31), now);
    putAged("training/other/u1/c.jpg", Duration.ofDays(3), now);
    putAged("training/consented-not/d.jpg", Duration.ofDays(3), now);

    SweepResult result = sweep(rule("training/", RETENTION, consent, null, 1000));

    assertThat(keys()).containsExactly("training/consented/u1/a.jpg");
    assertThat(result.keptConsented()).isEqualTo(1);
    assertThat(result.deleted()).isEqualTo(3);
  }

  @Test
  void heldAndConsentedTagsAreReadConcurrentlyAndKept() {
    connect("EKYC_IT_S3_URL");
    Duration retention = Duration.ofSeconds(3);
    var consent =
        new ObjectConsent(
            new ResourceRef("ConsentPolicy", "it", "model-training"),
            "consent-model-training",
            "granted",
            null,
            Duration.ofDays(30),
            Duration.ofMinutes(15));
    List<String> expected = new ArrayList<>();
    for (int user = 0; user < 4; user++) {
      put("faces/u" + user + "/held", Map.of("legal-hold", "case-3"));
      put("faces/u" + user + "/consented", Map.of("consent-model-training", "granted"));
      put("faces/u" + user + "/withdrawn", Map.of("consent-model-training", "withdrawn"));
      put("faces/u" + user + "/plain", Map.of());
      expected.add("faces/u" + user + "/held");
      expected.add("faces/u" + user + "/consented");
    }
    put("faces/top-held", Map.of("legal-hold", "case-3"));
    expected.add("faces/top-held");
    Instant written = serverNow();
    Eventually.await(
        "moto's clock " + retention.plusSeconds(2) + " past the uploads",
        Duration.ofSeconds(30),
        this::serverNow,
        t -> t.isAfter(written.plus(retention).plusSeconds(2)));

    SweepResult result = sweep(rule("faces/", retention, consent, "legal-hold", 1000));

    assertThat(keys()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(result.keptHeld()).isEqualTo(5);
    assertThat(result.keptConsented()).isEqualTo(4);
    assertThat(result.deleted()).isEqualTo(8);
    assertThat(result.tooYoung()).isZero();
  }
}
