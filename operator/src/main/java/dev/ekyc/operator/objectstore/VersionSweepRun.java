package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.ObjectSweep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One sweep of a versioned (Enabled or Suspended) bucket: every version under the prefix is decided
 * on its own LastModified (when its bytes were written), its own tags and consent, exactly as
 * {@link SweepDecider} decides an object, and a due version is deleted by its version ID, current
 * ones included, so no delete marker is added and the bytes are gone. On a bucket with Object Lock,
 * each due version's lock is read (HeadObject with the version ID: retain-until date and legal
 * hold) before it is queued; a locked or held one is kept and counted, and is decided again at
 * every run, so it goes at the first run after its lock ends or its hold is lifted. Governance
 * bypass is never sent.
 *
 * <p>Delete markers are removed once nothing is behind them: when every data version of their key
 * was deleted by this run, or none was left already (S3 lists a key's versions together, so this is
 * known when the listing moves to the next key; only the markers of the key being decided are held
 * in memory). A key with any version kept keeps its markers: the newest one is what hides the kept
 * data from plain reads.
 *
 * <p>The listing (ListObjectVersions) is one sequence, one page ahead; a page's tag and lock reads
 * run in the sweep's pool and delete batches are in flight as in {@link SweepRun}, so requests in
 * flight stay bounded by the sweep's concurrency and memory by a page. The cap counts data versions
 * only.
 */
final class VersionSweepRun {
  private final S3Client s3;
  private final String bucket;
  private final ObjectSweep rule;
  private final SweepOptions options;
  private final SweepRequests requests;
  private final DeleteBatcher deleter;
  private final SweepProgress progress;
  private final boolean objectLock;
  private SweepDecider decider;
  private SweepCutoffs cutoffs;
  private boolean stopped;
  private long pages;
  private long listed;
  private long tooYoung;
  private long queued;
  private long keptConsented;
  private long keptHeld;
  private long keptLocked;
  private Instant lockedUntil;
  private long notMatchingTags;
  private long vanished;
  private boolean capReached;
  private Instant oldestDueLeft;

  /** The key being decided: its versions may go on over the next page. */
  private String openKey;

  private final List<String> openMarkers = new ArrayList<>();
  private boolean openKeyKeepsData;

  /**
   * The due version that ended a truncated page: its key and version ID are the next listing's
   * markers, and moto answers a listing from a marker version that no longer exists with an empty,
   * final page (checked), which would end the sweep silently. So it is deleted only once the next
   * page has been listed.
   */
  private Entry heldBack;

  VersionSweepRun(
      S3Client s3,
      String bucket,
      ObjectSweep rule,
      SweepOptions options,
      SweepRequests requests,
      DeleteBatcher deleter,
      SweepProgress progress,
      boolean objectLock) {
    this.s3 = s3;
    this.bucket = bucket;
    this.rule = rule;
    this.options = options;
    this.requests = requests;
    this.deleter = deleter;
    this.progress = progress;
    this.objectLock = objectLock;
  }

  DeleteBatcher deleter() {
    return deleter;
  }

  long pages() {
    return pages;
  }

  long listed() {
    return listed;
  }

  SweepCutoffs cutoffs() {
    return cutoffs;
  }

  /** One entry of a listing page: a data version or a delete marker, in S3's key order. */
  private record Entry(String key, String versionId, Instant lastModified, boolean marker) {}

  /**
   * What is known about one old data version before it is decided: its tags (empty: gone) and its
   * lock.
   */
  private record Read(Optional<Map<String, String>> tags, Lock lock) {}

  private record Lock(boolean held, Instant retainUntil) {
    static final Lock NONE = new Lock(false, null);
  }

  void walk() {
    CompletableFuture<ListObjectVersionsResponse> next = requests.submit(() -> list(null, null));
    while (next != null && !stopped) {
      ListObjectVersionsResponse page = SweepRequests.await(next);
      releaseHeldBack();
      if (decider == null) {
        cutoffs = SweepCutoffs.at(ServerClock.now(page.sdkHttpResponse()), rule);
        decider = new SweepDecider(rule, cutoffs);
      }
      pages++;
      if (Boolean.TRUE.equals(page.isTruncated())) {
        String keyMarker = page.nextKeyMarker();
        String versionMarker = page.nextVersionIdMarker();
        next = requests.submit(() -> list(keyMarker, versionMarker));
      } else {
        next = null;
      }
      decidePage(entries(page), next != null);
      progress.afterPage(pages, listed, queued, deleter.deleted());
    }
    releaseHeldBack();
    if (!stopped) {
      closeKey();
    }
  }

  private void releaseHeldBack() {
    if (heldBack != null) {
      deleter.add(heldBack.key(), heldBack.versionId(), DeleteBatcher.Kind.VERSION);
      heldBack = null;
    }
  }

  private ListObjectVersionsResponse list(String keyMarker, String versionIdMarker) {
    return s3.listObjectVersions(
        b ->
            b.bucket(bucket)
                .prefix(rule.prefix())
                .maxKeys(options.pageSize())
                .keyMarker(keyMarker)
                .versionIdMarker(versionIdMarker));
  }

  /** The SDK answers versions and markers in two lists, each in key order: merged back into one. */
  private static List<Entry> entries(ListObjectVersionsResponse page) {
    List<Entry> out = new ArrayList<>(page.versions().size() + page.deleteMarkers().size());
    List<ObjectVersion> versions = page.versions();
    List<DeleteMarkerEntry> markers = page.deleteMarkers();
    int v = 0;
    int m = 0;
    while (v < versions.size() || m < markers.size()) {
      boolean takeVersion =
          m >= markers.size()
              || v < versions.size()
                  && KeyOrder.compare(versions.get(v).key(), markers.get(m).key()) <= 0;
      if (takeVersion) {
        ObjectVersion o = versions.get(v++);
        out.add(new Entry(o.key(), o.versionId(), o.lastModified(), false));
      } else {
        DeleteMarkerEntry d = markers.get(m++);
        out.add(new Entry(d.key(), d.versionId(), d.lastModified(), true));
      }
    }
    return out;
  }

  private void decidePage(List<Entry> entries, boolean truncated) {
    List<Supplier<Read>> reads = reads(entries);
    Entry last = truncated && !entries.isEmpty() ? entries.get(entries.size() - 1) : null;
    for (int i = 0; i < entries.size() && !stopped; i++) {
      Entry e = entries.get(i);
      if (!e.key().startsWith(rule.prefix())) {
        throw new SweepException(
            "the server listed a key outside prefix "
                + rule.prefix()
                + " of bucket "
                + bucket
                + "; refusing to decide on a listing that ignores the prefix");
      }
      if (!e.key().equals(openKey)) {
        closeKey();
        openKey = e.key();
        openKeyKeepsData = false;
      }
      if (e.marker()) {
        openMarkers.add(e.versionId());
      } else {
        decideVersion(e, reads.get(i), e == last);
      }
    }
  }

  /**
   * The reads of a page's old data versions, requested at once with concurrency (the pool bounds
   * them).
   */
  private List<Supplier<Read>> reads(List<Entry> entries) {
    List<Supplier<Read>> reads = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      if (e.marker()
          || decider.tooYoung(e.lastModified())
          || !e.key().startsWith(rule.prefix())
          || (!decider.needsTags() && !objectLock)) {
        reads.add(() -> new Read(Optional.of(Map.of()), Lock.NONE));
      } else if (options.concurrency() > 1) {
        CompletableFuture<Read> read = requests.submit(() -> read(e));
        reads.add(() -> SweepRequests.await(read));
      } else {
        reads.add(() -> read(e));
      }
    }
    return reads;
  }

  private void decideVersion(Entry e, Supplier<Read> readOf, boolean nextListingStartsHere) {
    listed++;
    if (decider.tooYoung(e.lastModified())) {
      tooYoung++;
      openKeyKeepsData = true;
      return;
    }
    Read read = readOf.get();
    if (read.tags().isEmpty()) {
      vanished++;
      return;
    }
    SweepDecision decision = decider.decide(e.key(), e.lastModified(), read.tags().get());
    if (decision == SweepDecision.DELETE && read.lock().held()) {
      keptHeld++;
      openKeyKeepsData = true;
      return;
    }
    if (decision == SweepDecision.DELETE
        && read.lock().retainUntil() != null
        && read.lock().retainUntil().isAfter(cutoffs.serverNow())) {
      keptLocked++;
      if (lockedUntil == null || read.lock().retainUntil().isAfter(lockedUntil)) {
        lockedUntil = read.lock().retainUntil();
      }
      openKeyKeepsData = true;
      return;
    }
    switch (decision) {
      case TOO_YOUNG -> tooYoung++;
      case NOT_MATCHING_TAGS -> notMatchingTags++;
      case KEEP_HELD -> keptHeld++;
      case KEEP_CONSENTED -> keptConsented++;
      case DELETE -> {
        if (queued >= rule.maxDeletionsPerRun()) {
          oldestDueLeft =
              oldestDueLeft == null || e.lastModified().isBefore(oldestDueLeft)
                  ? e.lastModified()
                  : oldestDueLeft;
          capReached = true;
          stopped = true;
          return;
        }
        queued++;
        if (nextListingStartsHere) {
          heldBack = e;
        } else {
          deleter.add(e.key(), e.versionId(), DeleteBatcher.Kind.VERSION);
        }
        return;
      }
    }
    openKeyKeepsData = true;
  }

  /** The listing has left {@link #openKey}: its markers go if no data version of it stays. */
  private void closeKey() {
    if (openKey != null && !openKeyKeepsData) {
      for (String marker : openMarkers) {
        deleter.add(openKey, marker, DeleteBatcher.Kind.MARKER);
      }
    }
    openMarkers.clear();
    openKey = null;
  }

  /**
   * Tags when the rule needs them, the lock when the bucket has Object Lock; empty tags when the
   * version is gone.
   */
  private Read read(Entry e) {
    Optional<Map<String, String>> tags = Optional.of(Map.of());
    if (decider.needsTags()) {
      tags = tags(e);
      if (tags.isEmpty()) {
        return new Read(tags, Lock.NONE);
      }
    }
    if (!objectLock) {
      return new Read(tags, Lock.NONE);
    }
    try {
      // HeadObject, not GetObjectRetention/GetObjectLegalHold: one request answers both.
      HeadObjectResponse head =
          s3.headObject(b -> b.bucket(bucket).key(e.key()).versionId(e.versionId()));
      return new Read(
          tags,
          new Lock(
              head.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON,
              head.objectLockRetainUntilDate()));
    } catch (S3Exception x) {
      if (gone(x)) {
        return new Read(Optional.empty(), Lock.NONE);
      }
      throw x;
    }
  }

  private Optional<Map<String, String>> tags(Entry e) {
    try {
      return Optional.of(
          s3
              .getObjectTagging(b -> b.bucket(bucket).key(e.key()).versionId(e.versionId()))
              .tagSet()
              .stream()
              .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b)));
    } catch (S3Exception x) {
      if (gone(x)) {
        return Optional.empty();
      }
      throw x;
    }
  }

  private static boolean gone(S3Exception x) {
    String code = x.awsErrorDetails() == null ? null : x.awsErrorDetails().errorCode();
    return x.statusCode() == 404 || "NoSuchKey".equals(code) || "NoSuchVersion".equals(code);
  }

  SweepResult result(BucketVersioning versioning) {
    return new SweepResult(
        bucket,
        rule.prefix(),
        options.dryRun(),
        pages,
        listed,
        tooYoung,
        deleter.deleted(),
        keptConsented,
        keptHeld,
        notMatchingTags,
        vanished,
        deleter.errors(),
        deleter.errorCodes(),
        capReached,
        cutoffs,
        progress.elapsed(),
        oldestDueLeft,
        versioning,
        deleter.markersRemoved(),
        deleter.hiddenNotErased(),
        keptLocked,
        lockedUntil,
        0);
  }
}
