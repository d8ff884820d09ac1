package dev.ekyc.operator.objectstore;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationRequest;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * Just enough of a versioned S3 bucket for the unit tests of the decision: versions and delete
 * markers per key (newest first), ListObjectVersions paged by key and version-ID markers, tags and
 * Object Lock per version, DeleteObjects by version ID (a locked version is refused as S3 refuses
 * it), a Date header. With {@link #ignoreVersionIds} it behaves like a server that drops the
 * version ID and adds a marker instead. Also models Suspended versioning as S3 documents it (a put
 * writes the "null" version, replacing only the previous "null" one), which the test server moto
 * gets wrong.
 */
final class VersionedS3 implements UnversionedBucketAnswers {
  record Version(
      String id,
      Instant modified,
      Map<String, String> tags,
      boolean marker,
      Instant retainUntil,
      boolean held) {}

  private final Instant now;
  private final TreeMap<String, List<Version>> keys = new TreeMap<>(KeyOrder::compare);
  private int nextId;
  String status = "Enabled";
  String mfaDelete = "Disabled";
  boolean ignoreVersionIds;
  boolean objectLock;
  final AtomicInteger headRequests = new AtomicInteger();
  final AtomicInteger tagRequests = new AtomicInteger();
  final AtomicInteger deleteRequests = new AtomicInteger();

  /** Listings asked to start after a version that was already deleted. */
  final AtomicInteger markerGone = new AtomicInteger();

  VersionedS3(Instant now) {
    this.now = now;
  }

  /** A new current version written {@code age} ago. */
  String put(String key, Duration age, Map<String, String> tags) {
    return add(key, new Version(id(), now.minus(age), tags, false, null, false));
  }

  String putLocked(String key, Duration age, Instant retainUntil, boolean held) {
    return add(key, new Version(id(), now.minus(age), Map.of(), false, retainUntil, held));
  }

  String deleteMarker(String key, Duration age) {
    return add(key, new Version(id(), now.minus(age), Map.of(), true, null, false));
  }

  private String id() {
    return "Suspended".equals(status) ? "null" : "v" + (nextId++);
  }

  private String add(String key, Version v) {
    List<Version> versions = keys.computeIfAbsent(key, k -> new ArrayList<>());
    if ("null".equals(v.id())) {
      versions.removeIf(o -> "null".equals(o.id()));
    }
    versions.add(0, v);
    return v.id();
  }

  /** Every version and marker still stored, as key@id. */
  List<String> stored() {
    List<String> out = new ArrayList<>();
    keys.forEach(
        (k, vs) -> vs.forEach(v -> out.add(k + "@" + v.id() + (v.marker() ? "(marker)" : ""))));
    return out;
  }

  @Override
  public GetBucketVersioningResponse getBucketVersioning(GetBucketVersioningRequest request) {
    return GetBucketVersioningResponse.builder().status(status).mfaDelete(mfaDelete).build();
  }

  @Override
  public GetObjectLockConfigurationResponse getObjectLockConfiguration(
      GetObjectLockConfigurationRequest request) {
    if (!objectLock) {
      return UnversionedBucketAnswers.super.getObjectLockConfiguration(request);
    }
    return GetObjectLockConfigurationResponse.builder()
        .objectLockConfiguration(c -> c.objectLockEnabled(ObjectLockEnabled.ENABLED))
        .build();
  }

  /** The current objects (what a sweep that believes the bucket unversioned lists). */
  @Override
  public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    List<S3Object> current = new ArrayList<>();
    keys.forEach(
        (k, vs) -> {
          if (k.startsWith(request.prefix()) && !vs.get(0).marker()) {
            current.add(S3Object.builder().key(k).lastModified(vs.get(0).modified()).build());
          }
        });
    return (ListObjectsV2Response)
        ListObjectsV2Response.builder()
            .contents(current)
            .isTruncated(false)
            .sdkHttpResponse(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader(
                        "Date",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)))
                    .build())
            .build();
  }

  @Override
  public synchronized ListObjectVersionsResponse listObjectVersions(
      ListObjectVersionsRequest request) {
    List<Map.Entry<String, Version>> all = new ArrayList<>();
    keys.forEach(
        (k, vs) -> {
          if (k.startsWith(request.prefix())) {
            vs.forEach(v -> all.add(Map.entry(k, v)));
          }
        });
    int from = 0;
    if (request.keyMarker() != null) {
      while (from < all.size()
          && KeyOrder.compare(all.get(from).getKey(), request.keyMarker()) < 0) {
        from++;
      }
      if (request.versionIdMarker() != null) {
        while (from < all.size()
            && all.get(from).getKey().equals(request.keyMarker())
            && !all.get(from).getValue().id().equals(request.versionIdMarker())) {
          from++;
        }
        if (from >= all.size() || !all.get(from).getKey().equals(request.keyMarker())) {
          // moto's answer when the marker version is gone (checked on moto 5.2.5): an empty, final
          // page.
          markerGone.incrementAndGet();
          return (ListObjectVersionsResponse)
              ListObjectVersionsResponse.builder()
                  .isTruncated(false)
                  .sdkHttpResponse(
                      SdkHttpResponse.builder()
                          .statusCode(200)
                          .putHeader(
                              "Date",
                              DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                  now.atOffset(ZoneOffset.UTC)))
                          .build())
                  .build();
        }
        from++;
      } else {
        while (from < all.size() && all.get(from).getKey().equals(request.keyMarker())) {
          from++;
        }
      }
    }
    List<Map.Entry<String, Version>> page =
        all.subList(Math.min(from, all.size()), Math.min(from + request.maxKeys(), all.size()));
    boolean more = from + request.maxKeys() < all.size();
    List<ObjectVersion> versions = new ArrayList<>();
    List<DeleteMarkerEntry> markers = new ArrayList<>();
    for (var e : page) {
      Version v = e.getValue();
      boolean latest = keys.get(e.getKey()).get(0) == v;
      if (v.marker()) {
        markers.add(
            DeleteMarkerEntry.builder()
                .key(e.getKey())
                .versionId(v.id())
                .lastModified(v.modified())
                .isLatest(latest)
                .build());
      } else {
        versions.add(
            ObjectVersion.builder()
                .key(e.getKey())
                .versionId(v.id())
                .lastModified(v.modified())
                .isLatest(latest)
                .build());
      }
    }
    var last = page.isEmpty() ? null : page.get(page.size() - 1);
    return (ListObjectVersionsResponse)
        ListObjectVersionsResponse.builder()
            .versions(versions)
            .deleteMarkers(markers)
            .isTruncated(more)
            .nextKeyMarker(more ? last.getKey() : null)
            .nextVersionIdMarker(more ? last.getValue().id() : null)
            .sdkHttpResponse(
                SdkHttpResponse.builder()
                    .statusCode(200)
                    .putHeader(
                        "Date",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)))
                    .build())
            .build();
  }

  private Version find(String key, String id) {
    return keys.getOrDefault(key, List.of()).stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                (S3Exception)
                    S3Exception.builder()
                        .statusCode(404)
                        .awsErrorDetails(
                            AwsErrorDetails.builder().errorCode("NoSuchVersion").build())
                        .build());
  }

  @Override
  public synchronized GetObjectTaggingResponse getObjectTagging(GetObjectTaggingRequest request) {
    tagRequests.incrementAndGet();
    return GetObjectTaggingResponse.builder()
        .tagSet(
            find(request.key(), request.versionId()).tags().entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList())
        .build();
  }

  @Override
  public synchronized HeadObjectResponse headObject(HeadObjectRequest request) {
    headRequests.incrementAndGet();
    Version v = find(request.key(), request.versionId());
    return HeadObjectResponse.builder()
        .objectLockRetainUntilDate(v.retainUntil())
        .objectLockLegalHoldStatus(
            v.held() ? ObjectLockLegalHoldStatus.ON : ObjectLockLegalHoldStatus.OFF)
        .build();
  }

  @Override
  public synchronized DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
    deleteRequests.incrementAndGet();
    List<DeletedObject> deleted = new ArrayList<>();
    List<S3Error> errors = new ArrayList<>();
    for (ObjectIdentifier id : request.delete().objects()) {
      if (ignoreVersionIds || id.versionId() == null) {
        String marker = deleteMarker(id.key(), Duration.ZERO);
        deleted.add(
            DeletedObject.builder()
                .key(id.key())
                .deleteMarker(true)
                .deleteMarkerVersionId(marker)
                .build());
        continue;
      }
      List<Version> versions = keys.getOrDefault(id.key(), new ArrayList<>());
      Version v =
          versions.stream().filter(o -> o.id().equals(id.versionId())).findFirst().orElse(null);
      if (v != null && (v.held() || v.retainUntil() != null && v.retainUntil().isAfter(now))) {
        errors.add(
            S3Error.builder().key(id.key()).versionId(id.versionId()).code("AccessDenied").build());
        continue;
      }
      versions.remove(v);
      if (versions.isEmpty()) {
        keys.remove(id.key());
      }
      deleted.add(
          DeletedObject.builder()
              .key(id.key())
              .versionId(id.versionId())
              .deleteMarker(v != null && v.marker() ? true : null)
              .build());
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
