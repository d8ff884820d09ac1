package dev.ekyc.operator.objectstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Collects keys and deletes them with DeleteObjects, at most {@code batchSize} (S3: 1000) per request. Keys S3
 * refuses one by one (Object Lock, AccessDenied) are counted by error code, not thrown: the other keys of the
 * batch are gone and the next run will try the refused ones again. A failed request as a whole is thrown.
 */
final class DeleteBatcher {
  private final S3Client s3;
  private final String bucket;
  private final int batchSize;
  private final boolean dryRun;
  private final List<String> pending = new ArrayList<>();
  private final Map<String, Long> errorCodes = new TreeMap<>();
  private long deleted;
  private long errors;

  DeleteBatcher(S3Client s3, String bucket, int batchSize, boolean dryRun) {
    this.s3 = s3;
    this.bucket = bucket;
    this.batchSize = batchSize;
    this.dryRun = dryRun;
  }

  void add(String key) {
    pending.add(key);
    if (pending.size() >= batchSize) {
      flush();
    }
  }

  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    if (dryRun) {
      deleted += pending.size();
      pending.clear();
      return;
    }
    List<ObjectIdentifier> ids = pending.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
    pending.clear();
    DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(false)));
    deleted += response.deleted().size();
    for (S3Error error : response.errors()) {
      errors++;
      errorCodes.merge(error.code() == null ? "Unknown" : error.code(), 1L, Long::sum);
    }
  }

  long deleted() {
    return deleted;
  }

  long errors() {
    return errors;
  }

  Map<String, Long> errorCodes() {
    return errorCodes;
  }
}
