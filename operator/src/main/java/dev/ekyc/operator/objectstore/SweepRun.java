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
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The state of one sweep and the decision of each listed object. Safe to use from several shards at
 * once: counters, the cap and the delete queue change under this object's lock; tag reads are
 * awaited outside it. {@link #result()} freezes it.
 */
final class SweepRun {
  private final S3Client s3;
  private final String bucket;
  private final ObjectSweep rule;
  private final SweepOptions options;
  private final SweepRequests requests;
  private final DeleteBatcher deleter;
  private final SweepProgress progress;
  private volatile SweepDecider decider;
  private volatile boolean stopped;
  private SweepCutoffs cutoffs;
  private long pages;
  private long listed;
  private long tooYoung;
  private long queued;
  private long keptConsented;
  private long keptHeld;
  private long notMatchingTags;
  private long vanished;
  private boolean capReached;

  /**
   * Last-modified time of the oldest due object the cap left (each shard stops at its first one).
   */
  private Instant oldestDueLeft;

  SweepRun(
      S3Client s3,
      String bucket,
      ObjectSweep rule,
      SweepOptions options,
      SweepRequests requests,
      DeleteBatcher deleter,
      SweepProgress progress) {
    this.s3 = s3;
    this.bucket = bucket;
    this.rule = rule;
    this.options = options;
    this.requests = requests;
    this.deleter = deleter;
    this.progress = progress;
  }

  ObjectSweep rule() {
    return rule;
  }

  DeleteBatcher deleter() {
    return deleter;
  }

  /** True once the cap stopped the run (or a shard failed): no more listing. */
  boolean stopped() {
    return stopped;
  }

  void stop() {
    stopped = true;
  }

  ListObjectsV2Response list(String prefix, String continuation, String delimiter) {
    return list(prefix, continuation, delimiter, null);
  }

  private ListObjectsV2Response list(
      String prefix, String continuation, String delimiter, String startAfter) {
    return s3.listObjectsV2(
        b ->
            b.bucket(bucket)
                .prefix(prefix)
                .delimiter(delimiter)
                .maxKeys(options.pageSize())
                .continuationToken(continuation)
                .startAfter(continuation == null ? startAfter : null));
  }

  /** What a walk cost: list requests, and the objects they returned. */
  record Walked(long requests, long objects) {}

  /**
   * Counts a listed page; the first one's Date header sets the cutoffs every later page is decided
   * against.
   */
  synchronized void firstPage(ListObjectsV2Response page) {
    if (decider == null) {
      cutoffs = SweepCutoffs.at(ServerClock.now(page.sdkHttpResponse()), rule);
      decider = new SweepDecider(rule, cutoffs);
    }
    pages++;
  }

  /**
   * Lists {@code prefix} (recursively) page by page and decides every object. The next page is
   * listed while one is decided: one page ahead at most, so memory stays one page.
   */
  Walked walk(String prefix) {
    return walk(prefix, null, null);
  }

  /**
   * The same from after {@code startAfter} (null: the start), leaving out keys under {@code skip}
   * (null: none), which another walk decides.
   */
  Walked walk(String prefix, String startAfter, String skip) {
    long requestsMade = 1;
    long objects = 0;
    CompletableFuture<ListObjectsV2Response> next =
        requests.submit(() -> list(prefix, null, null, startAfter));
    while (next != null && !stopped) {
      ListObjectsV2Response page = SweepRequests.await(next);
      firstPage(page);
      String token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      if (token != null) {
        requestsMade++;
        next = requests.submit(() -> list(prefix, token, null));
      } else {
        next = null;
      }
      List<S3Object> contents = page.contents();
      if (skip != null) {
        contents = contents.stream().filter(o -> !o.key().startsWith(skip)).toList();
      }
      objects += contents.size();
      decidePage(contents);
    }
    return new Walked(requestsMade, objects);
  }

  /** Decides one page's objects in listing order; stops the run when the cap is used up. */
  void decidePage(List<S3Object> objects) {
    List<Supplier<Optional<Map<String, String>>>> tags = tagReads(objects);
    for (int i = 0; i < objects.size(); i++) {
      if (stopped || !decideOne(objects.get(i), tags.get(i))) {
        return;
      }
    }
    synchronized (this) {
      progress.afterPage(pages, listed, queued, deleter.deleted());
    }
  }

  /**
   * The tags of each old object of a page, when the rule needs them. With concurrency they are all
   * requested at once (the pool bounds how many run); one at a time, each is read only when its
   * object is decided.
   */
  private List<Supplier<Optional<Map<String, String>>>> tagReads(List<S3Object> objects) {
    List<Supplier<Optional<Map<String, String>>>> reads = new ArrayList<>(objects.size());
    for (S3Object object : objects) {
      if (!decider.needsTags()
          || decider.tooYoung(object.lastModified())
          || !object.key().startsWith(rule.prefix())) {
        reads.add(Optional::empty);
      } else if (options.concurrency() > 1) {
        CompletableFuture<Optional<Map<String, String>>> read =
            requests.submit(() -> tags(object.key()));
        reads.add(() -> SweepRequests.await(read));
      } else {
        reads.add(() -> tags(object.key()));
      }
    }
    return reads;
  }

  /** False when the object is due but the cap is used up: the run stops there. */
  private boolean decideOne(S3Object object, Supplier<Optional<Map<String, String>>> tagRead) {
    String key = object.key();
    if (!key.startsWith(rule.prefix())) {
      throw new SweepException(
          "the server listed a key outside prefix "
              + rule.prefix()
              + " of bucket "
              + bucket
              + "; refusing to decide on a listing that ignores the prefix");
    }
    Instant modified = object.lastModified();
    Map<String, String> tags = Map.of();
    if (decider.needsTags() && !decider.tooYoung(modified)) {
      Optional<Map<String, String>> read = tagRead.get();
      if (read.isEmpty()) {
        synchronized (this) {
          listed++;
          vanished++;
        }
        return true;
      }
      tags = read.get();
    }
    SweepDecision decision = decider.decide(key, modified, tags);
    synchronized (this) {
      listed++;
      switch (decision) {
        case TOO_YOUNG -> tooYoung++;
        case NOT_MATCHING_TAGS -> notMatchingTags++;
        case KEEP_HELD -> keptHeld++;
        case KEEP_CONSENTED -> keptConsented++;
        case DELETE -> {
          if (queued >= rule.maxDeletionsPerRun()) {
            if (oldestDueLeft == null || modified.isBefore(oldestDueLeft)) {
              oldestDueLeft = modified;
            }
            capReached = true;
            stopped = true;
            return false;
          }
          queued++;
          deleter.add(key);
        }
      }
      return true;
    }
  }

  /** Empty when the object was deleted between listing and this request. */
  private Optional<Map<String, String>> tags(String key) {
    try {
      return Optional.of(
          s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream()
              .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b)));
    } catch (S3Exception e) {
      if (e.awsErrorDetails() != null && "NoSuchKey".equals(e.awsErrorDetails().errorCode())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  synchronized long pages() {
    return pages;
  }

  synchronized long listed() {
    return listed;
  }

  synchronized SweepResult result() {
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
        BucketVersioning.UNVERSIONED,
        0,
        deleter.hiddenNotErased(),
        0,
        null,
        0);
  }
}
