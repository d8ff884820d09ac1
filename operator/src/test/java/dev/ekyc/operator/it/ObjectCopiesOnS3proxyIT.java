package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.ekyc.operator.policy.ObjectSweep;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies outside the object listing on s3proxy 4.1.0 (filesystem backend): unfinished multipart
 * uploads, which s3proxy dates by the mtime of the upload's stub file ({@code
 * <bucket>/.mpus-<uploadId>-<key>-stub}, found by experiment and checked here through
 * ListMultipartUploads), so an upload is made genuinely old; moto hard-codes every upload's
 * Initiated and cannot. And the negative control for versions: s3proxy answers GetBucketVersioning
 * without a status and ListObjectVersions with NotImplemented, so the sweep stays object by object.
 */
class ObjectCopiesOnS3proxyIT {
  private static final Duration RETENTION = Duration.ofHours(2);

  private VersionReader reader;
  private S3Client sweeperClient;
  private String bucket;

  @BeforeEach
  void connect() {
    URI url = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
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
    bucket =
        "it-copies-"
            + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                .toLowerCase(Locale.ROOT);
    reader.s3.createBucket(b -> b.bucket(bucket));
  }

  @AfterEach
  void drop() {
    try {
      for (MultipartUpload u : reader.s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()) {
        reader.s3.abortMultipartUpload(b -> b.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
      }
      reader
          .s3
          .listObjectsV2Paginator(b -> b.bucket(bucket))
          .contents()
          .forEach(o -> reader.s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
      reader.s3.deleteBucket(b -> b.bucket(bucket));
    } finally {
      reader.close();
      sweeperClient.close();
    }
  }

  private Instant serverNow() {
    return ServerClock.now(
        reader.s3.listObjectsV2(b -> b.bucket(bucket).maxKeys(1)).sdkHttpResponse());
  }

  /** An upload with one part, its Initiated set {@code age} before the server's time. */
  private String upload(String key, Instant reference, Duration age) {
    String id = reader.s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    reader.s3.uploadPart(
        b -> b.bucket(bucket).key(key).uploadId(id).partNumber(1), RequestBody.fromString("video"));
    Path stub =
        Path.of(
            Backends.require("EKYC_IT_S3PROXY_DIR"), bucket, ".mpus-" + id + "-" + key + "-stub");
    try {
      Files.setLastModifiedTime(stub, FileTime.from(reference.minus(age)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot backdate " + stub, e);
    }
    Instant initiated =
        reader.s3.listMultipartUploads(b -> b.bucket(bucket).prefix(key)).uploads().stream()
            .filter(u -> u.uploadId().equals(id))
            .findFirst()
            .orElseThrow()
            .initiated();
    assertThat(initiated)
        .as("s3proxy reports the stub's mtime as Initiated")
        .isEqualTo(reference.minus(age));
    return id;
  }

  /** The files s3proxy keeps on disk for an upload (its parts and stubs), read without S3. */
  private java.util.List<Path> filesOf(String uploadId) {
    try (var files = Files.walk(Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket))) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().contains(uploadId))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void
      unfinishedUploadsInitiatedBeforeTheCutoffAreAbortedAndCountedYoungOnesAndOtherPrefixesStay() {
    Instant reference = serverNow();
    String old = upload("liveness/u1/video.mp4", reference, RETENTION.plusMinutes(5));
    String young = upload("liveness/u2/video.mp4", reference, RETENTION.minusMinutes(5));
    String elsewhere = upload("id-ocr/u1/card.jpg", reference, Duration.ofDays(3));
    ObjectSweep rule =
        new ObjectSweep(
            "liveness/",
            Map.of(),
            RETENTION,
            null,
            null,
            "*/15 * * * *",
            100,
            Mechanism.Role.PRIMARY);

    SweepResult dry =
        new ObjectSweeper(sweeperClient, bucket, new SweepOptions(true, 1000, 1000, 1)).sweep(rule);
    assertThat(dry.uploadsAborted()).isEqualTo(1);
    assertThat(reader.s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).hasSize(3);

    SweepResult r =
        new ObjectSweeper(sweeperClient, bucket, new SweepOptions(false, 1000, 1000, 1))
            .sweep(rule);

    assertThat(r.uploadsAborted()).isEqualTo(1);
    assertThat(r.errors()).isZero();
    assertThat(reader.s3.listMultipartUploads(b -> b.bucket(bucket)).uploads())
        .extracting(MultipartUpload::uploadId)
        .containsExactlyInAnyOrder(young, elsewhere);
    assertThat(filesOf(old))
        .as("the old upload's part and stub files are gone from s3proxy's disk")
        .isEmpty();
    assertThat(filesOf(young)).as("the young upload's are there").isNotEmpty();
  }

  @Test
  void aProviderWithoutVersionsIsSweptObjectByObject() {
    BucketFacts facts = new BucketFactsReader(sweeperClient).read(bucket);
    assertThat(facts.versioning()).isEqualTo(BucketVersioning.UNVERSIONED);
    assertThat(facts.objectLock().enabled())
        .as("GetObjectLockConfiguration answers NotImplemented")
        .isFalse();
    assertThat(facts.replication()).as("GetBucketReplication answers NotImplemented").isEmpty();
    assertThat(facts.findings()).isEmpty();
    assertThatThrownBy(() -> reader.s3.listObjectVersions(b -> b.bucket(bucket)))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
    reader.s3.putObject(
        b -> b.bucket(bucket).key("liveness/a.jpg"), RequestBody.fromString("face"));

    SweepResult r =
        new ObjectSweeper(sweeperClient, bucket, new SweepOptions(false, 1000, 1000, 1))
            .sweep(
                new ObjectSweep(
                    "liveness/",
                    Map.of(),
                    Duration.ofSeconds(0),
                    null,
                    null,
                    "*/15 * * * *",
                    100,
                    Mechanism.Role.PRIMARY));
    assertThat(r.versioning()).isEqualTo(BucketVersioning.UNVERSIONED);
    assertThat(r.listed()).isEqualTo(1);
  }
}
