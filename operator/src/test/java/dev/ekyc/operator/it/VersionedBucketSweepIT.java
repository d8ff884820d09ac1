package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.AccessKey;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.objectstore.BucketFacts;
import dev.ekyc.operator.objectstore.BucketFactsReader;
import dev.ekyc.operator.objectstore.BucketVersioning;
import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.ServerClock;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectConsent;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.ResourceRef;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * The version-aware sweep on moto with versioning Enabled (markers, ListObjectVersions paging,
 * deletes by version ID, Object Lock GOVERNANCE and COMPLIANCE, legal holds), every claim checked
 * by {@link VersionReader}, the test's own plain SDK calls: each version by its ID. moto cannot
 * backdate a version and the sweeper's clock is never faked, so age is real: rules retain for 3 s
 * and the test polls the server's Date until the old phase is past it. Suspended versioning is not
 * tested here (moto wipes the versions written while Enabled); VersionSweepTest covers it.
 */
class VersionedBucketSweepIT {
  private static final Duration RETENTION = Duration.ofSeconds(3);
  private static final ResourceRef CONSENT_POLICY =
      new ResourceRef("ConsentPolicy", "it", "model-training");
  private static final ObjectConsent CONSENT =
      new ObjectConsent(
          CONSENT_POLICY,
          "consent-model-training",
          "granted",
          null,
          Duration.ofDays(30),
          Duration.ofMinutes(15));

  private VersionReader reader;
  private S3Client sweeperClient;
  private final List<String> buckets = new ArrayList<>();

  @BeforeEach
  void connect() {
    URI url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    reader = new VersionReader(url);
    ObjectStorageSpec spec = new ObjectStorageSpec();
    spec.endpoint = url.toString();
    spec.region = Backends.require("EKYC_IT_S3_REGION");
    spec.pathStyle = true;
    spec.bucket = "unused";
    var credentials =
        new StoreCredentials.ObjectStorage(
            new AccessKey(
                Backends.require("EKYC_IT_S3_ACCESS_KEY"),
                SecretValue.of(Backends.require("EKYC_IT_S3_SECRET_KEY")),
                Optional.empty()),
            Optional.empty());
    sweeperClient =
        S3Clients.create(
            spec,
            credentials,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            S3Clients.STANDARD_ATTEMPTS);
  }

  @AfterEach
  void dropBuckets() {
    for (String bucket : buckets) {
      for (VersionReader.Stored s : reader.all(bucket, "")) {
        try {
          // Test cleanup only: the sweeper never sends this header.
          reader.s3.deleteObject(
              b ->
                  b.bucket(bucket)
                      .key(s.key())
                      .versionId(s.versionId())
                      .bypassGovernanceRetention(true));
        } catch (RuntimeException e) {
          // COMPLIANCE-locked versions cannot be deleted by anyone: they stay in moto's memory
          // (unique bucket name).
        }
      }
      try {
        reader.s3.deleteBucket(b -> b.bucket(bucket));
      } catch (RuntimeException e) {
        // not empty (COMPLIANCE lock): see above
      }
    }
    reader.close();
    sweeperClient.close();
  }

  private String versionedBucket(String name, boolean objectLock) {
    String bucket =
        name
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toLowerCase(Locale.ROOT);
    reader.s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(objectLock));
    reader.s3.putBucketVersioning(
        b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
    buckets.add(bucket);
    return bucket;
  }

  private String put(String bucket, String key, Map<String, String> tags) {
    return reader
        .s3
        .putObject(
            b -> {
              b.bucket(bucket).key(key);
              if (!tags.isEmpty()) {
                b.tagging(tagging(tags));
              }
            },
            RequestBody.fromString("face"))
        .versionId();
  }

  private static Tagging tagging(Map<String, String> tags) {
    return Tagging.builder()
        .tagSet(
            tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }

  private Instant serverNow(String bucket) {
    return ServerClock.now(
        reader.s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).sdkHttpResponse());
  }

  /** Polls the server's clock (not a fixed sleep) until it is past {@code instant}. */
  private void waitUntilServerPast(String bucket, Instant instant) {
    Eventually.await(
        "the server's clock past " + instant,
        Duration.ofSeconds(30),
        () -> serverNow(bucket),
        now -> now.isAfter(instant));
  }

  private static ObjectSweep rule(String prefix, ObjectConsent consent, String holdKey, long cap) {
    return new ObjectSweep(
        prefix, Map.of(), RETENTION, consent, holdKey, "*/15 * * * *", cap, Mechanism.Role.PRIMARY);
  }

  private SweepResult sweep(String bucket, ObjectSweep rule, int pageSize, int concurrency) {
    return new ObjectSweeper(
            sweeperClient, bucket, new SweepOptions(false, pageSize, 1000, 1, concurrency))
        .sweep(rule);
  }

  @Test
  void
      referenceMediaRulesOnAVersionedBucketLeaveNoReadableVersionOlderThanTheCutoffCheckedByVersionId() {
    String bucket = versionedBucket("it-versions-", false);
    List<String[]> old = new ArrayList<>();
    for (String prefix : List.of("liveness/", "id-ocr/")) {
      for (int i = 0; i < 7; i++) {
        String key = prefix + "u" + i + "/best-frame.jpg";
        old.add(new String[] {key, put(bucket, key, Map.of())});
        if (i % 2 == 0) {
          old.add(new String[] {key, put(bucket, key, Map.of())});
        }
        if (i % 3 == 0) {
          reader.s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
      }
      reader.s3.deleteObject(b -> b.bucket(bucket).key(prefix + "never-written"));
    }
    String youngKey = "liveness/u1/best-frame.jpg";
    waitUntilServerPast(bucket, serverNow(bucket).plus(RETENTION).plusSeconds(1));
    String young = put(bucket, youngKey, Map.of());
    reader.s3.deleteObject(b -> b.bucket(bucket).key(youngKey));
    int markersBefore = reader.markers(bucket, "").size();
    int versionsBefore = reader.data(bucket, "").size();

    SweepResult liveness = sweep(bucket, rule("liveness/", null, null, 1000), 4, 1);
    SweepResult idOcr = sweep(bucket, rule("id-ocr/", null, null, 1000), 3, 4);

    for (String[] v : old) {
      assertThat(reader.readable(bucket, v[0], v[1]))
          .as("old version %s of %s", v[1], v[0])
          .isFalse();
    }
    assertThat(reader.readable(bucket, youngKey, young)).as("the young version").isTrue();
    assertThat(reader.data(bucket, ""))
        .extracting(VersionReader.Stored::versionId)
        .containsExactly(young);
    assertThat(reader.markers(bucket, ""))
        .as("only the marker hiding the young version")
        .extracting(VersionReader.Stored::key)
        .containsExactly(youngKey);
    assertThat(liveness.versioning()).isEqualTo(BucketVersioning.ENABLED);
    assertThat(liveness.deleted() + idOcr.deleted())
        .isEqualTo(old.size())
        .isEqualTo(versionsBefore - 1);
    assertThat(liveness.markersRemoved() + idOcr.markersRemoved()).isEqualTo(markersBefore - 1);
    assertThat(liveness.hiddenNotErased() + idOcr.hiddenNotErased()).isZero();
    assertThat(liveness.tooYoung()).isEqualTo(1);
    assertThat(liveness.pages()).as("paged by 4").isGreaterThan(2);
    assertThat(liveness.errors() + idOcr.errors()).isZero();
  }

  @Test
  void plainDeletesOnAVersionedBucketAreCountedHiddenNotErasedNeverDeleted() {
    String bucket = versionedBucket("it-versions-hidden-", false);
    String v1 = put(bucket, "liveness/a.jpg", Map.of());
    String v2 = put(bucket, "liveness/b.jpg", Map.of());
    waitUntilServerPast(bucket, serverNow(bucket).plus(RETENTION).plusSeconds(1));

    // What the sweeper did before it read the bucket's versioning: plain DeleteObjects, answered
    // with markers.
    SweepResult r =
        new ObjectSweeper(
                sweeperClient,
                bucket,
                new SweepOptions(false, 1000, 1000, 1),
                BucketFacts.plain(bucket))
            .sweep(rule("liveness/", null, null, 1000));

    assertThat(r.deleted()).isZero();
    assertThat(r.hiddenNotErased()).isEqualTo(2);
    assertThat(reader.readable(bucket, "liveness/a.jpg", v1)).isTrue();
    assertThat(reader.readable(bucket, "liveness/b.jpg", v2)).isTrue();
    assertThat(reader.markers(bucket, "")).hasSize(2);
  }

  @Test
  void objectLockKeepsAndCountsLockedAndHeldVersionsAndAReleasedOneGoesAtTheNextRun() {
    String bucket = versionedBucket("it-versions-lock-", true);
    Instant now = serverNow(bucket);
    Instant dayAhead = now.plus(Duration.ofDays(1));
    String governance = put(bucket, "liveness/governance.jpg", Map.of());
    reader.s3.putObjectRetention(
        b ->
            b.bucket(bucket)
                .key("liveness/governance.jpg")
                .versionId(governance)
                .retention(
                    r -> r.mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(dayAhead)));
    String compliance =
        reader
            .s3
            .putObject(
                b ->
                    b.bucket(bucket)
                        .key("liveness/compliance.jpg")
                        .objectLockMode(ObjectLockMode.COMPLIANCE)
                        .objectLockRetainUntilDate(dayAhead.plusSeconds(60))
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromString("face"))
            .versionId();
    String held = put(bucket, "liveness/held.jpg", Map.of());
    reader.s3.putObjectLegalHold(
        b ->
            b.bucket(bucket)
                .key("liveness/held.jpg")
                .versionId(held)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.ON)));
    String free = put(bucket, "liveness/free.jpg", Map.of());
    waitUntilServerPast(bucket, serverNow(bucket).plus(RETENTION).plusSeconds(1));

    SweepResult first = sweep(bucket, rule("liveness/", null, null, 1000), 1000, 4);

    assertThat(reader.readable(bucket, "liveness/free.jpg", free)).isFalse();
    assertThat(reader.readable(bucket, "liveness/governance.jpg", governance)).isTrue();
    assertThat(reader.readable(bucket, "liveness/compliance.jpg", compliance)).isTrue();
    assertThat(reader.readable(bucket, "liveness/held.jpg", held)).isTrue();
    assertThat(first.deleted()).isEqualTo(1);
    assertThat(first.keptLocked()).isEqualTo(2);
    assertThat(first.lockedUntil()).as("the latest retain-until date").isAfter(dayAhead);
    assertThat(first.keptHeld()).isEqualTo(1);
    assertThat(first.errors()).as("nothing locked was sent for deletion").isZero();
    assertThat(reader.markers(bucket, "")).isEmpty();

    reader.s3.putObjectLegalHold(
        b ->
            b.bucket(bucket)
                .key("liveness/held.jpg")
                .versionId(held)
                .legalHold(h -> h.status(ObjectLockLegalHoldStatus.OFF)));
    SweepResult second = sweep(bucket, rule("liveness/", null, null, 1000), 1000, 1);

    assertThat(reader.readable(bucket, "liveness/held.jpg", held))
        .as("released: gone at the next run")
        .isFalse();
    assertThat(second.deleted()).isEqualTo(1);
    assertThat(second.keptLocked()).isEqualTo(2);
    assertThat(second.keptHeld()).isZero();
  }

  @Test
  void bucketFactsOfAVersionedLockedBucket() {
    String bucket = versionedBucket("it-versions-facts-", true);
    reader.s3.putObjectLockConfiguration(
        b ->
            b.bucket(bucket)
                .objectLockConfiguration(
                    c ->
                        c.objectLockEnabled("Enabled")
                            .rule(
                                r ->
                                    r.defaultRetention(
                                        d -> d.mode(ObjectLockRetentionMode.GOVERNANCE).days(3)))));
    BucketFacts facts = new BucketFactsReader(sweeperClient).read(bucket);
    assertThat(facts.versioning()).isEqualTo(BucketVersioning.ENABLED);
    assertThat(facts.objectLock().enabled()).isTrue();
    assertThat(facts.objectLock().mode()).isEqualTo("GOVERNANCE");
    assertThat(facts.objectLock().period()).isEqualTo(Duration.ofDays(3));
    assertThat(facts.replication()).isEmpty();
    assertThat(facts.findings()).isEmpty();
    assertThat(facts.describe())
        .isEqualTo("versioning Enabled; Object Lock on, default GOVERNANCE 3d; replication none");
  }

  /**
   * Random histories (puts with and without consent or hold tags, overwrites, tag changes, plain
   * deletes, deletes of one version) on versioned buckets, then one sweep each. The reader then
   * checks every version written: kept only if legitimately kept (younger than the cutoff, held,
   * consented), unreadable otherwise, and the run's counts equal what it saw before and after.
   */
  @Test
  void randomHistoriesLeaveEveryVersionEitherLegitimatelyKeptOrUnreadableAndTheCountsMatch() {
    long seed = System.nanoTime();
    List<History> histories = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      histories.add(new History(versionedBucket("it-versions-prop-", false), new Random(seed + i)));
    }
    histories.forEach(h -> h.play(30));
    waitUntilServerPast(
        histories.get(0).bucket, serverNow(histories.get(0).bucket).plus(RETENTION).plusSeconds(1));
    histories.forEach(h -> h.play(6));
    long[] seen = new long[4];
    for (History h : histories) {
      long[] counts = h.sweepAndCheck("seed " + seed + " history " + histories.indexOf(h));
      for (int i = 0; i < seen.length; i++) {
        seen[i] += counts[i];
      }
    }
    assertThat(seen)
        .as("seed %s: the histories reached every decision (young, held, consented, due)", seed)
        .doesNotContain(0L);
  }

  /** One random history on one bucket, with every version ID it ever wrote. */
  private final class History {
    private static final String PREFIX = "training/faces/";
    private static final List<Map<String, String>> TAGS =
        List.of(
            Map.of(),
            Map.of("consent-model-training", "granted"),
            Map.of("consent-model-training", "withdrawn"),
            Map.of("legal-hold", "case-1"));
    final String bucket;
    final Random random;
    final Set<String> written = new HashSet<>();

    History(String bucket, Random random) {
      this.bucket = bucket;
      this.random = random;
    }

    void play(int steps) {
      for (int s = 0; s < steps; s++) {
        String key = PREFIX + "u" + random.nextInt(5) + ".jpg";
        int op = random.nextInt(10);
        if (op < 5) {
          written.add(key + "@" + put(bucket, key, TAGS.get(random.nextInt(TAGS.size()))));
        } else if (op < 7) {
          var current =
              reader.data(bucket, key).stream().filter(v -> v.key().equals(key)).findFirst();
          Map<String, String> tags = TAGS.get(random.nextInt(TAGS.size()));
          // moto answers 500 to PutObjectTagging with an empty tag set: removing the tags is
          // DeleteObjectTagging.
          current.ifPresent(
              v -> {
                if (tags.isEmpty()) {
                  reader.s3.deleteObjectTagging(
                      b -> b.bucket(bucket).key(key).versionId(v.versionId()));
                } else {
                  reader.s3.putObjectTagging(
                      b ->
                          b.bucket(bucket)
                              .key(key)
                              .versionId(v.versionId())
                              .tagging(tagging(tags)));
                }
              });
        } else if (op < 9) {
          reader.s3.deleteObject(b -> b.bucket(bucket).key(key));
        } else {
          List<VersionReader.Stored> versions =
              reader.data(bucket, key).stream().filter(v -> v.key().equals(key)).toList();
          if (!versions.isEmpty()) {
            String id = versions.get(random.nextInt(versions.size())).versionId();
            reader.s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(id));
          }
        }
      }
    }

    /** Young, held, consented and due versions seen before the sweep. */
    long[] sweepAndCheck(String what) {
      List<VersionReader.Stored> before = reader.all(bucket, PREFIX);
      Map<String, Map<String, String>> tagsBefore = new HashMap<>();
      before.stream()
          .filter(v -> !v.marker())
          .forEach(v -> tagsBefore.put(id(v), reader.tags(bucket, v.key(), v.versionId())));

      SweepResult r =
          sweep(
              bucket,
              rule(PREFIX, CONSENT, "legal-hold", 1000),
              2 + random.nextInt(4),
              1 + random.nextInt(4));

      Instant cutoff = r.cutoffs().deleteModifiedBefore();
      Set<String> after =
          reader.all(bucket, PREFIX).stream().map(History::id).collect(Collectors.toSet());
      long young = 0;
      long held = 0;
      long consented = 0;
      long due = 0;
      for (VersionReader.Stored v : before) {
        if (v.marker()) {
          continue;
        }
        Map<String, String> tags = tagsBefore.get(id(v));
        String why;
        if (!v.lastModified().isBefore(cutoff)) {
          why = "young";
          young++;
        } else if (tags.containsKey("legal-hold")) {
          why = "held";
          held++;
        } else if ("granted".equals(tags.get("consent-model-training"))) {
          why = "consented";
          consented++;
        } else {
          why = null;
          due++;
        }
        if (why != null) {
          assertThat(after).as("%s: %s is kept (%s)", what, id(v), why).contains(id(v));
          assertThat(reader.readable(bucket, v.key(), v.versionId()))
              .as("%s: %s readable", what, id(v))
              .isTrue();
        } else {
          assertThat(after).as("%s: %s is due", what, id(v)).doesNotContain(id(v));
        }
      }
      for (String v : written) {
        if (!after.contains(v)) {
          String[] kv = v.split("@", 2);
          assertThat(reader.readable(bucket, kv[0], kv[1]))
              .as("%s: %s was written, is gone", what, v)
              .isFalse();
        }
      }
      List<VersionReader.Stored> markersAfter = reader.markers(bucket, PREFIX);
      Set<String> keysWithData =
          reader.data(bucket, PREFIX).stream()
              .map(VersionReader.Stored::key)
              .collect(Collectors.toSet());
      assertThat(markersAfter)
          .as("%s: no marker is left with nothing behind it", what)
          .allMatch(m -> keysWithData.contains(m.key()));
      assertThat(r.listed()).as(what).isEqualTo(before.stream().filter(v -> !v.marker()).count());
      assertThat(r.tooYoung()).as(what).isEqualTo(young);
      assertThat(r.keptHeld()).as(what).isEqualTo(held);
      assertThat(r.keptConsented()).as(what).isEqualTo(consented);
      assertThat(r.deleted()).as(what).isEqualTo(due);
      assertThat(r.markersRemoved())
          .as(what)
          .isEqualTo(
              before.stream().filter(VersionReader.Stored::marker).count() - markersAfter.size());
      assertThat(r.hiddenNotErased() + r.errors() + r.vanished()).as(what).isZero();
      return new long[] {young, held, consented, due};
    }

    private static String id(VersionReader.Stored v) {
      return v.key() + "@" + v.versionId();
    }
  }
}
