package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.policy.ObjectSweep;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The sweep loop against an in-memory S3 whose clock is years away from the local one (so a sweep
 * that used the local clock would delete everything or nothing): paging, the cap and its backlog,
 * batch sizes, dry run, per-key refusals and which objects cost a tag request.
 */
class SweepRunTest {
  private static final Instant SERVER_NOW = Instant.parse("2031-06-01T00:00:00Z");
  private static final Duration OLD = Duration.ofHours(3);
  private static final Duration YOUNG = Duration.ofHours(1);

  private final FakeS3 s3 = new FakeS3(SERVER_NOW);

  private static SweepOptions options(int pageSize, int batchSize) {
    return new SweepOptions(false, pageSize, batchSize, 1);
  }

  private SweepResult sweep(ObjectSweep rule, SweepOptions options) {
    return new ObjectSweeper(s3, "bucket", options).sweep(rule);
  }

  @Test
  void deletesOldObjectsAcrossPagesAndKeepsYoungOnesWithoutTagRequests() {
    for (int i = 0; i < 12; i++) {
      s3.put("training/faces/old-" + i, OLD, Map.of());
      s3.put("training/faces/young-" + i, YOUNG, Map.of());
    }
    s3.put("training/faces-archive/old", OLD, Map.of());

    SweepResult result = sweep(SweepDeciderTest.sweep(Map.of(), null, null, 100), options(5, 1000));

    assertThat(result.listed()).isEqualTo(24);
    assertThat(result.pages()).isEqualTo(5);
    assertThat(result.deleted()).isEqualTo(12);
    assertThat(result.tooYoung()).isEqualTo(12);
    assertThat(result.capReached()).isFalse();
    assertThat(result.serverNow()).isEqualTo(SERVER_NOW);
    assertThat(result.cutoffs().deleteModifiedBefore())
        .isEqualTo(SERVER_NOW.minus(Duration.ofHours(2)));
    assertThat(s3.keys())
        .allMatch(k -> k.contains("young-") || k.startsWith("training/faces-archive/"))
        .hasSize(13);
    assertThat(s3.tagRequests).isZero();
  }

  @Test
  void tagsAreReadOnlyForOldObjectsAndHeldOrConsentedOnesStay() {
    s3.put("training/faces/young", YOUNG, Map.of());
    s3.put("training/faces/held", Duration.ofDays(90), Map.of("legal-hold", "case-1"));
    s3.put(
        "training/faces/consented",
        Duration.ofDays(3),
        Map.of("consent-model-training", "granted"));
    s3.put(
        "training/faces/consent-expired",
        Duration.ofDays(31),
        Map.of("consent-model-training", "granted"));
    s3.put("training/faces/plain", OLD, Map.of());

    SweepResult result =
        sweep(
            SweepDeciderTest.sweep(Map.of(), SweepDeciderTest.consentTag(), "legal-hold", 100),
            options(1000, 1000));

    assertThat(s3.keys())
        .containsExactlyInAnyOrder(
            "training/faces/young", "training/faces/held", "training/faces/consented");
    assertThat(result.keptHeld()).isEqualTo(1);
    assertThat(result.keptConsented()).isEqualTo(1);
    assertThat(result.deleted()).isEqualTo(2);
    assertThat(result.tooYoung()).isEqualTo(1);
    assertThat(s3.tagRequests).isEqualTo(4);
  }

  @Test
  void theCapIsNeverExceededAndABacklogIsReported() {
    for (int i = 0; i < 10; i++) {
      s3.put("training/faces/" + i, OLD, Map.of());
    }
    SweepResult capped = sweep(SweepDeciderTest.sweep(Map.of(), null, null, 7), options(3, 2));
    assertThat(capped.deleted()).isEqualTo(7);
    assertThat(capped.capReached()).isTrue();
    assertThat(s3.keys()).hasSize(3);
    assertThat(s3.batchSizes).containsExactly(2, 2, 2, 1);
    assertThat(capped.oldestDueLeft())
        .as("the due object the cap stopped at")
        .isEqualTo(SERVER_NOW.minus(OLD));

    SweepResult rest = sweep(SweepDeciderTest.sweep(Map.of(), null, null, 3), options(3, 2));
    assertThat(rest.deleted()).isEqualTo(3);
    assertThat(rest.capReached()).as("exactly the cap, nothing left").isFalse();
    assertThat(rest.oldestDueLeft()).isNull();
    assertThat(s3.keys()).isEmpty();
  }

  @Test
  void aDryRunDecidesTheSameAndDeletesNothing() {
    for (int i = 0; i < 6; i++) {
      s3.put("training/faces/" + i, OLD, Map.of());
    }
    s3.put("training/faces/young", YOUNG, Map.of());
    SweepResult result =
        sweep(SweepDeciderTest.sweep(Map.of(), null, null, 4), options(1000, 1000).asDryRun());
    assertThat(result.dryRun()).isTrue();
    assertThat(result.deleted()).isEqualTo(4);
    assertThat(result.capReached()).isTrue();
    assertThat(s3.keys()).hasSize(7);
    assertThat(s3.batchSizes).isEmpty();
  }

  @Test
  void perKeyRefusalsAreCountedNotThrown() {
    s3.put("training/faces/locked", OLD, Map.of());
    s3.put("training/faces/free", OLD, Map.of());
    s3.refuse("training/faces/locked", "AccessDenied");
    SweepResult result =
        sweep(SweepDeciderTest.sweep(Map.of(), null, null, 100), options(1000, 1000));
    assertThat(result.deleted()).isEqualTo(1);
    assertThat(result.errors()).isEqualTo(1);
    assertThat(result.errorCodes()).containsExactly(Map.entry("AccessDenied", 1L));
    assertThat(s3.keys()).containsExactly("training/faces/locked");
  }

  @Test
  void withoutAServerDateNothingIsDeleted() {
    s3.put("training/faces/a", OLD, Map.of());
    s3.sendDate = false;
    assertThatThrownBy(
            () -> sweep(SweepDeciderTest.sweep(Map.of(), null, null, 100), options(1000, 1000)))
        .isInstanceOf(SweepException.class);
    assertThat(s3.keys()).hasSize(1);
  }

  /**
   * Just enough of S3: prefix listing with continuation tokens, tags, DeleteObjects with refusals,
   * a Date header.
   */
  static final class FakeS3 implements UnversionedBucketAnswers {
    private final Instant now;
    private final NavigableMap<String, Instant> modified = new TreeMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final Map<String, String> refusals = new HashMap<>();
    final List<Integer> batchSizes = new ArrayList<>();
    int tagRequests;
    boolean sendDate = true;

    FakeS3(Instant now) {
      this.now = now;
    }

    void put(String key, Duration age, Map<String, String> objectTags) {
      modified.put(key, now.minus(age));
      tags.put(key, objectTags);
    }

    void refuse(String key, String code) {
      refusals.put(key, code);
    }

    List<String> keys() {
      return List.copyOf(modified.keySet());
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
      String after = request.continuationToken() == null ? "" : request.continuationToken();
      List<S3Object> page =
          modified.tailMap(after, false).entrySet().stream()
              .filter(e -> e.getKey().startsWith(request.prefix()))
              .limit(request.maxKeys())
              .map(e -> S3Object.builder().key(e.getKey()).lastModified(e.getValue()).build())
              .toList();
      String last = page.isEmpty() ? null : page.get(page.size() - 1).key();
      boolean more =
          last != null
              && modified.tailMap(last, false).keySet().stream()
                  .anyMatch(k -> k.startsWith(request.prefix()));
      SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(200);
      if (sendDate) {
        http.putHeader(
            "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
      }
      return (ListObjectsV2Response)
          ListObjectsV2Response.builder()
              .contents(page)
              .isTruncated(more)
              .nextContinuationToken(more ? last : null)
              .sdkHttpResponse(http.build())
              .build();
    }

    @Override
    public GetObjectTaggingResponse getObjectTagging(GetObjectTaggingRequest request) {
      tagRequests++;
      return GetObjectTaggingResponse.builder()
          .tagSet(
              tags.get(request.key()).entrySet().stream()
                  .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                  .toList())
          .build();
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
      List<ObjectIdentifier> ids = request.delete().objects();
      batchSizes.add(ids.size());
      List<DeletedObject> deleted = new ArrayList<>();
      List<S3Error> errors = new ArrayList<>();
      for (ObjectIdentifier id : ids) {
        if (refusals.containsKey(id.key())) {
          errors.add(S3Error.builder().key(id.key()).code(refusals.get(id.key())).build());
        } else {
          modified.remove(id.key());
          deleted.add(DeletedObject.builder().key(id.key()).build());
        }
      }
      return DeleteObjectsResponse.builder().deleted(deleted).errors(errors).build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }
}
