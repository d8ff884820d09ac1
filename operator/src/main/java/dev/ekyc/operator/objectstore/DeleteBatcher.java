package dev.ekyc.operator.objectstore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Collects keys (or versions) and deletes them with DeleteObjects, at most {@code batchSize} (S3:
 * 1000) per request. Keys S3 refuses one by one (Object Lock, AccessDenied) are counted by error
 * code, not thrown: the other keys of the batch are gone and the next run will try the refused ones
 * again. A failed request as a whole is thrown (at the next {@link #add} or at {@link #finish}).
 * Requests go through the sweep's {@link SweepRequests}, at most {@code maxInFlight} at a time:
 * adding a key waits for the oldest request when that many are outstanding.
 *
 * <p>What S3 answers is read, not assumed: an entry that comes back with {@code DeleteMarker: true}
 * for an object or a data version means the bytes were only hidden behind a new delete marker (a
 * versioned bucket, or a server that ignored the version ID). It is counted as {@link
 * #hiddenNotErased()}, never as deleted.
 */
final class DeleteBatcher {
  /** What one entry of a batch is, which decides the counter its confirmation lands in. */
  enum Kind {
    /** A key without version ID (unversioned bucket): deleted, unless S3 answers with a marker. */
    OBJECT,
    /** A data version, by version ID. */
    VERSION,
    /**
     * A delete marker, by version ID: removing it erases nothing and reveals nothing still kept.
     */
    MARKER
  }

  private record Target(String key, String versionId, Kind kind) {
    String id() {
      return key + '\u0000' + (versionId == null ? "" : versionId);
    }
  }

  private record Sent(List<Target> targets, CompletableFuture<DeleteObjectsResponse> response) {}

  private final S3Client s3;
  private final String bucket;
  private final int batchSize;
  private final boolean dryRun;
  private final SweepRequests requests;
  private final int maxInFlight;
  private final List<Target> pending = new ArrayList<>();
  private final Deque<Sent> inFlight = new ArrayDeque<>();
  private final Map<String, Long> errorCodes = new TreeMap<>();
  private long deleted;
  private long markersRemoved;
  private long hiddenNotErased;
  private long errors;

  DeleteBatcher(
      S3Client s3,
      String bucket,
      int batchSize,
      boolean dryRun,
      SweepRequests requests,
      int maxInFlight) {
    this.s3 = s3;
    this.bucket = bucket;
    this.batchSize = batchSize;
    this.dryRun = dryRun;
    this.requests = requests;
    this.maxInFlight = Math.max(1, maxInFlight);
  }

  void add(String key) {
    add(key, null, Kind.OBJECT);
  }

  void add(String key, String versionId, Kind kind) {
    pending.add(new Target(key, versionId, kind));
    if (pending.size() >= batchSize) {
      flush();
    }
  }

  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Target> targets = List.copyOf(pending);
    pending.clear();
    if (dryRun) {
      for (Target t : targets) {
        confirmed(t.kind(), false);
      }
      return;
    }
    List<ObjectIdentifier> ids =
        targets.stream()
            .map(t -> ObjectIdentifier.builder().key(t.key()).versionId(t.versionId()).build())
            .toList();
    while (inFlight.size() >= maxInFlight) {
      count(inFlight.removeFirst());
    }
    inFlight.addLast(
        new Sent(
            targets,
            requests.submit(
                () ->
                    s3.deleteObjects(
                        b -> b.bucket(bucket).delete(d -> d.objects(ids).quiet(false))))));
    // Count what has already come back, so failures surface early and progress lines stay current.
    while (!inFlight.isEmpty() && inFlight.peekFirst().response().isDone()) {
      count(inFlight.removeFirst());
    }
  }

  /** Sends what is pending and waits for every request; throws the first failed one. */
  void finish() {
    flush();
    while (!inFlight.isEmpty()) {
      count(inFlight.removeFirst());
    }
  }

  /** After a failure: counts the requests that completed, without waiting or sending more. */
  void abandon() {
    pending.clear();
    for (Sent sent : inFlight) {
      if (sent.response().isDone() && !sent.response().isCompletedExceptionally()) {
        count(sent.targets(), sent.response().join());
      }
    }
    inFlight.clear();
  }

  private void count(Sent sent) {
    count(sent.targets(), SweepRequests.await(sent.response()));
  }

  private void count(List<Target> targets, DeleteObjectsResponse response) {
    Map<String, Target> byId = new HashMap<>();
    Map<String, Target> byKey = new HashMap<>();
    for (Target t : targets) {
      byId.put(t.id(), t);
      byKey.putIfAbsent(t.key(), t);
    }
    for (DeletedObject d : response.deleted()) {
      Target sent = byId.get(new Target(d.key(), d.versionId(), Kind.OBJECT).id());
      // A server that drops the version ID from its answer still answered for the key we sent.
      Target target = sent != null ? sent : byKey.get(d.key());
      Kind kind = target == null ? Kind.OBJECT : target.kind();
      boolean versionIgnored = kind != Kind.OBJECT && sent == null;
      confirmed(
          kind, Boolean.TRUE.equals(d.deleteMarker()) && kind != Kind.MARKER || versionIgnored);
    }
    for (S3Error error : response.errors()) {
      errors++;
      errorCodes.merge(error.code() == null ? "Unknown" : error.code(), 1L, Long::sum);
    }
  }

  private void confirmed(Kind kind, boolean onlyHidden) {
    if (onlyHidden) {
      hiddenNotErased++;
    } else if (kind == Kind.MARKER) {
      markersRemoved++;
    } else {
      deleted++;
    }
  }

  /**
   * Objects or versions whose bytes S3 confirmed gone (in a dry run, those that would have been
   * deleted).
   */
  long deleted() {
    return deleted;
  }

  long markersRemoved() {
    return markersRemoved;
  }

  /** Deletions S3 answered with a new delete marker: the data is still readable by version ID. */
  long hiddenNotErased() {
    return hiddenNotErased;
  }

  long errors() {
    return errors;
  }

  Map<String, Long> errorCodes() {
    return errorCodes;
  }
}
