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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Runs one {@link ObjectSweep} against a bucket: lists the rule's prefix page by page (ListObjectsV2, never the
 * whole listing in memory), decides each object with {@link SweepDecider} against cutoffs taken from the
 * server's {@code Date} header of the first page ({@link ServerClock}), reads tags only for objects past the base
 * retention and only when the rule needs them, and deletes in DeleteObjects batches until
 * {@code maxDeletionsPerRun}. A dry run makes the same decisions and deletes nothing.
 *
 * <p>With {@link SweepOptions#concurrency()} above 1, requests overlap within that bound: the next page is listed
 * while one is decided, a page's tag reads run together, and full DeleteObjects batches are sent while listing goes
 * on. Decisions and the cap are still taken one object at a time in listing order on the caller's thread, and at
 * most one page plus the batches in flight is held in memory, whatever the bucket's size.
 *
 * <p>Limits of S3's API that this class cannot close, stated here so nobody assumes otherwise:
 * <ul>
 *   <li><b>Tag read vs delete race.</b> Tags are read (GetObjectTagging) some time before the batch that holds
 *       the key is deleted. S3 has no conditional delete on tags, so a legal-hold tag (or a consent tag) added
 *       in that window is not seen and the object is deleted. Batches are flushed as they fill, which keeps the
 *       window to one batch of tag reads, not to a whole run. A hold that must be race-free needs S3 Object Lock
 *       legal holds, which S3 itself enforces (its refusals are counted as errors, not crashes).</li>
 *   <li><b>Versioned buckets are out of scope.</b> On a versioned bucket a delete without a version ID only adds
 *       a delete marker; the data stays in a noncurrent version. This sweeper lists and deletes current objects
 *       only and does not claim to erase earlier versions.</li>
 * </ul>
 */
public final class ObjectSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectSweeper.class);

  private final S3Client s3;
  private final String bucket;
  private final SweepOptions options;

  public ObjectSweeper(S3Client s3, String bucket, SweepOptions options) {
    this.s3 = s3;
    this.bucket = bucket;
    this.options = options;
  }

  public SweepResult sweep(ObjectSweep rule) {
    if (rule.prefix() == null || rule.prefix().isEmpty()) {
      throw new IllegalArgumentException("a sweep needs a non-empty prefix: it never covers a whole bucket");
    }
    if (rule.maxDeletionsPerRun() < 0) {
      throw new IllegalArgumentException("maxDeletionsPerRun must not be negative: " + rule.maxDeletionsPerRun());
    }
    String target = "s3://" + bucket + "/" + rule.prefix() + (options.dryRun() ? " (dry run)" : "");
    Run run;
    try (SweepRequests requests = new SweepRequests(options.concurrency())) {
      run = new Run(rule, requests, new DeleteBatcher(s3, bucket, options.deleteBatchSize(), options.dryRun(),
          requests, options.concurrency()), new SweepProgress(target, options.progressEveryPages()));
      try {
        run.listAndDecide();
        run.deleter.finish();
      } catch (RuntimeException e) {
        run.deleter.abandon();
        LOG.warn("sweep {} stopped after {} pages, {} listed, {} deleted: {}", target, run.pages, run.listed,
            run.deleter.deleted(), e.getClass().getSimpleName());
        throw e;
      }
    }
    SweepResult result = run.result();
    LOG.info("sweep {}: {} listed, {} too young, {} deleted, {} kept (consent), {} kept (legal hold), {} not matching"
            + " tags, {} vanished, {} errors {}, cap reached {}, server time {}, in {}", target, result.listed(),
        result.tooYoung(), result.deleted(), result.keptConsented(), result.keptHeld(), result.notMatchingTags(),
        result.vanished(), result.errors(), result.errorCodes(), result.capReached(), result.serverNow(),
        result.elapsed());
    return result;
  }

  /** The mutable state of one run; {@link #result()} freezes it. */
  private final class Run {
    private final ObjectSweep rule;
    private final SweepRequests requests;
    private final DeleteBatcher deleter;
    private final SweepProgress progress;
    private SweepCutoffs cutoffs;
    private SweepDecider decider;
    private long pages;
    private long listed;
    private long tooYoung;
    private long queued;
    private long keptConsented;
    private long keptHeld;
    private long notMatchingTags;
    private long vanished;
    private boolean capReached;

    Run(ObjectSweep rule, SweepRequests requests, DeleteBatcher deleter, SweepProgress progress) {
      this.rule = rule;
      this.requests = requests;
      this.deleter = deleter;
      this.progress = progress;
    }

    void listAndDecide() {
      CompletableFuture<ListObjectsV2Response> next = requests.submit(() -> list(null));
      while (next != null) {
        ListObjectsV2Response page = SweepRequests.await(next);
        if (decider == null) {
          cutoffs = SweepCutoffs.at(ServerClock.now(page.sdkHttpResponse()), rule);
          decider = new SweepDecider(rule, cutoffs);
        }
        pages++;
        // The next page is listed while this one is decided; one page ahead at most, so memory stays one page.
        String token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        next = token == null ? null : requests.submit(() -> list(token));
        List<S3Object> objects = page.contents();
        List<Supplier<Optional<Map<String, String>>>> tags = tagReads(objects);
        for (int i = 0; i < objects.size(); i++) {
          if (!decideOne(objects.get(i), tags.get(i))) {
            capReached = true;
            return;
          }
        }
        progress.afterPage(pages, listed, queued, deleter.deleted());
      }
    }

    private ListObjectsV2Response list(String continuation) {
      return s3.listObjectsV2(b -> b.bucket(bucket).prefix(rule.prefix()).maxKeys(options.pageSize())
          .continuationToken(continuation));
    }

    /**
     * The tags of each old object of a page, when the rule needs them. With concurrency they are all requested
     * at once (the pool bounds how many run); one at a time, each is read only when its object is decided.
     */
    private List<Supplier<Optional<Map<String, String>>>> tagReads(List<S3Object> objects) {
      List<Supplier<Optional<Map<String, String>>>> reads = new ArrayList<>(objects.size());
      for (S3Object object : objects) {
        if (!decider.needsTags() || decider.tooYoung(object.lastModified())
            || !object.key().startsWith(rule.prefix())) {
          reads.add(Optional::empty);
        } else if (options.concurrency() > 1) {
          CompletableFuture<Optional<Map<String, String>>> read = requests.submit(() -> tags(object.key()));
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
        throw new SweepException("the server listed a key outside prefix " + rule.prefix() + " of bucket " + bucket
            + "; refusing to decide on a listing that ignores the prefix");
      }
      listed++;
      Instant modified = object.lastModified();
      if (decider.tooYoung(modified)) {
        tooYoung++;
        return true;
      }
      Map<String, String> tags = Map.of();
      if (decider.needsTags()) {
        Optional<Map<String, String>> read = tagRead.get();
        if (read.isEmpty()) {
          vanished++;
          return true;
        }
        tags = read.get();
      }
      switch (decider.decide(key, modified, tags)) {
        case TOO_YOUNG -> tooYoung++;
        case NOT_MATCHING_TAGS -> notMatchingTags++;
        case KEEP_HELD -> keptHeld++;
        case KEEP_CONSENTED -> keptConsented++;
        case DELETE -> {
          if (queued >= rule.maxDeletionsPerRun()) {
            return false;
          }
          queued++;
          deleter.add(key);
        }
      }
      return true;
    }

    /** Empty when the object was deleted between listing and this request. */
    private Optional<Map<String, String>> tags(String key) {
      try {
        return Optional.of(s3.getObjectTagging(b -> b.bucket(bucket).key(key)).tagSet().stream()
            .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b)));
      } catch (S3Exception e) {
        if (e.awsErrorDetails() != null && "NoSuchKey".equals(e.awsErrorDetails().errorCode())) {
          return Optional.empty();
        }
        throw e;
      }
    }

    SweepResult result() {
      return new SweepResult(bucket, rule.prefix(), options.dryRun(), pages, listed, tooYoung, deleter.deleted(),
          keptConsented, keptHeld, notMatchingTags, vanished, deleter.errors(), deleter.errorCodes(), capReached,
          cutoffs, progress.elapsed());
    }
  }
}
