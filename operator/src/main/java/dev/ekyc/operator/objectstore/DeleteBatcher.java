package dev.ekyc.operator.objectstore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Collects keys and deletes them with DeleteObjects, at most {@code batchSize} (S3: 1000) per request. Keys S3
 * refuses one by one (Object Lock, AccessDenied) are counted by error code, not thrown: the other keys of the
 * batch are gone and the next run will try the refused ones again. A failed request as a whole is thrown (at the
 * next {@link #add} or at {@link #finish}). Requests go through the sweep's {@link SweepRequests}, at most
 * {@code maxInFlight} at a time: adding a key waits for the oldest request when that many are outstanding.
 */
final class DeleteBatcher {
  private final S3Client s3;
  private final String bucket;
  private final int batchSize;
  private final boolean dryRun;
  private final SweepRequests requests;
  private final int maxInFlight;
  private final List<String> pending = new ArrayList<>();
  private final Deque<CompletableFuture<DeleteObjectsResponse>> inFlight = new ArrayDeque<>();
  private final Map<String, Long> errorCodes = new TreeMap<>();
  private long deleted;
  private long errors;

  DeleteBatcher(S3Client s3, String bucket, int batchSize, boolean dryRun, SweepRequests requests, int maxInFlight) {
    this.s3 = s3;
    this.bucket = bucket;
    this.batchSize = batchSize;
    this.dryRun = dryRun;
    this.requests = requests;
    this.maxInFlight = Math.max(1, maxInFlight);
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
    while (inFlight.size() >= maxInFlight) {
      count(SweepRequests.await(inFlight.removeFirst()));
    }
    inFlight.addLast(requests.submit(
        () -> s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(false)))));
    // Count what has already come back, so failures surface early and progress lines stay current.
    while (!inFlight.isEmpty() && inFlight.peekFirst().isDone()) {
      count(SweepRequests.await(inFlight.removeFirst()));
    }
  }

  /** Sends what is pending and waits for every request; throws the first failed one. */
  void finish() {
    flush();
    while (!inFlight.isEmpty()) {
      count(SweepRequests.await(inFlight.removeFirst()));
    }
  }

  /** After a failure: counts the requests that completed, without waiting or sending more. */
  void abandon() {
    pending.clear();
    for (CompletableFuture<DeleteObjectsResponse> request : inFlight) {
      if (request.isDone() && !request.isCompletedExceptionally()) {
        count(request.join());
      }
    }
    inFlight.clear();
  }

  private void count(DeleteObjectsResponse response) {
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
