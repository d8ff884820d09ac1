package dev.ekyc.operator.bench;

import dev.ekyc.operator.objectstore.UnversionedBucketAnswers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket that exists only as a formula, for measuring the sweeper's own memory without a
 * server's: {@code users} sub-prefixes {@code mem/uNNNNNN/} of {@code perUser} objects {@code
 * obj-NNNNNN}, all a year old. Listings (with and without delimiter, paged by continuation token)
 * are computed, so the bucket costs no memory; deletes are counted and forgotten. Thread-safe.
 */
final class GeneratedBucket implements UnversionedBucketAnswers {
  static final String PREFIX = "mem/";
  private final int users;
  private final int perUser;
  private final Instant now = Instant.now();
  private final Instant old = now.minusSeconds(365L * 86400);
  final AtomicLong deleted = new AtomicLong();

  GeneratedBucket(int users, int perUser) {
    this.users = users;
    this.perUser = perUser;
  }

  long objects() {
    return (long) users * perUser;
  }

  private static String user(int u) {
    return String.format(Locale.ROOT, "%su%06d/", PREFIX, u);
  }

  private static String key(int u, int i) {
    return user(u) + String.format(Locale.ROOT, "obj-%06d", i);
  }

  @Override
  public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    long from =
        request.continuationToken() == null ? 0 : Long.parseLong(request.continuationToken());
    int max = request.maxKeys();
    List<S3Object> contents = new ArrayList<>();
    List<CommonPrefix> prefixes = new ArrayList<>();
    long end;
    if (PREFIX.equals(request.prefix()) && "/".equals(request.delimiter())) {
      end = Math.min(users, from + max);
      for (long u = from; u < end; u++) {
        prefixes.add(CommonPrefix.builder().prefix(user((int) u)).build());
      }
    } else if (PREFIX.equals(request.prefix())) {
      end = Math.min(objects(), from + max);
      for (long n = from; n < end; n++) {
        contents.add(object((int) (n / perUser), (int) (n % perUser)));
      }
    } else {
      int u =
          Integer.parseInt(
              request.prefix().substring(PREFIX.length() + 1, request.prefix().length() - 1));
      end = Math.min(perUser, from + max);
      for (long i = from; i < end; i++) {
        contents.add(object(u, (int) i));
      }
      return page(contents, prefixes, end < perUser ? end : -1);
    }
    return page(contents, prefixes, end < (prefixes.isEmpty() ? objects() : users) ? end : -1);
  }

  private S3Object object(int u, int i) {
    return S3Object.builder().key(key(u, i)).lastModified(old).size(4L).build();
  }

  private ListObjectsV2Response page(
      List<S3Object> contents, List<CommonPrefix> prefixes, long next) {
    SdkHttpResponse http =
        SdkHttpResponse.builder()
            .statusCode(200)
            .putHeader(
                "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)))
            .build();
    return (ListObjectsV2Response)
        ListObjectsV2Response.builder()
            .contents(contents)
            .commonPrefixes(prefixes)
            .isTruncated(next >= 0)
            .nextContinuationToken(next >= 0 ? Long.toString(next) : null)
            .sdkHttpResponse(http)
            .build();
  }

  @Override
  public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
    deleted.addAndGet(request.delete().objects().size());
    return DeleteObjectsResponse.builder()
        .deleted(
            request.delete().objects().stream()
                .map(o -> DeletedObject.builder().key(o.key()).build())
                .toList())
        .build();
  }

  @Override
  public String serviceName() {
    return "s3";
  }

  @Override
  public void close() {}
}
