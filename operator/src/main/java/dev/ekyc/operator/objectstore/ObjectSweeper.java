package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.ObjectSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one {@link ObjectSweep} against a bucket: lists the rule's prefix page by page
 * (ListObjectsV2, never the whole listing in memory), decides each object with {@link SweepDecider}
 * against cutoffs taken from the server's {@code Date} header of the first page ({@link
 * ServerClock}), reads tags only for objects past the base retention and only when the rule needs
 * them, and deletes in DeleteObjects batches until {@code maxDeletionsPerRun}. A dry run makes the
 * same decisions and deletes nothing.
 *
 * <p>First, once per sweeper, it reads the bucket's {@link BucketFacts}: a blocking finding (MFA
 * Delete, a missing permission) refuses every rule before anything is deleted; on a bucket that
 * keeps versions the rule is swept version by version ({@link VersionSweepRun}); otherwise object
 * by object as below. Every rule then aborts its prefix's unfinished uploads initiated before the
 * base cutoff ({@link UnfinishedUploads}).
 *
 * <p>With {@link SweepOptions#concurrency()} 1, every request runs in turn on the caller's thread
 * over one listing of the prefix. Above 1, the prefix is split at its next "/" (a listing with
 * delimiter, itself paged): the objects directly under the prefix are decided as that listing goes,
 * and each sub-prefix is listed and decided as a shard, a bounded number of shards at a time, while
 * a page's tag reads and full DeleteObjects batches run in a pool of {@code concurrency} requests.
 * The cap is counted under one lock, so it is never passed; memory is a page per running shard plus
 * the batches in flight, whatever the bucket's size.
 *
 * <p>Limits of S3's API that this class cannot close, stated here so nobody assumes otherwise:
 *
 * <ul>
 *   <li><b>Tag read vs delete race.</b> Tags are read (GetObjectTagging) some time before the batch
 *       that holds the key is deleted. S3 has no conditional delete on tags, so a legal-hold tag
 *       (or a consent tag) added in that window is not seen and the object is deleted. Batches are
 *       sent as they fill, which keeps the window to a page of tag reads and the batches in flight,
 *       not to a whole run. A hold that must be race-free needs S3 Object Lock legal holds, which
 *       S3 itself enforces (its refusals are counted as errors, not crashes).
 *   <li><b>Marker removal reveals a refused version.</b> On a versioned bucket, the markers of a
 *       key whose every version was due are deleted with its versions; if S3 then refuses one of
 *       those versions (a permission, a lock set after it was read), it becomes the current version
 *       again. It was due anyway, the refusal is counted as an error, and the run fails.
 * </ul>
 */
public final class ObjectSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectSweeper.class);

  private final S3Client s3;
  private final String bucket;
  private final SweepOptions options;

  private BucketFacts facts;

  public ObjectSweeper(S3Client s3, String bucket, SweepOptions options) {
    this(s3, bucket, options, null);
  }

  /** With facts already read (null: read them at the first sweep). */
  public ObjectSweeper(S3Client s3, String bucket, SweepOptions options, BucketFacts facts) {
    this.s3 = s3;
    this.bucket = bucket;
    this.options = options;
    this.facts = facts;
  }

  /** The bucket's facts, read once per sweeper (one job run): three requests. */
  public BucketFacts facts() {
    if (facts == null) {
      facts = new BucketFactsReader(s3).read(bucket);
      LOG.info("bucket {}: {}", bucket, facts.describe());
    }
    return facts;
  }

  public SweepResult sweep(ObjectSweep rule) {
    if (rule.prefix() == null || rule.prefix().isEmpty()) {
      throw new IllegalArgumentException(
          "a sweep needs a non-empty prefix: it never covers a whole bucket");
    }
    if (rule.maxDeletionsPerRun() < 0) {
      throw new IllegalArgumentException(
          "maxDeletionsPerRun must not be negative: " + rule.maxDeletionsPerRun());
    }
    BucketFacts bucketFacts = facts();
    bucketFacts
        .sweepRefusal()
        .ifPresent(
            reason -> {
              throw new SweepException(reason);
            });
    for (ReplicationTarget target : bucketFacts.replicationOf(rule.prefix())) {
      LOG.warn(
          "objects under {} are replicated to bucket {} (rule {}): deletions by version ID are not replicated,"
              + " so the copies there are deleted only by a policy on that bucket",
          rule.prefix(),
          target.destinationBucket(),
          target.ruleId());
    }
    SweepResult result =
        bucketFacts.versioning().keepsVersions()
            ? sweepVersions(rule, bucketFacts)
            : sweepObjects(rule).withVersioning(bucketFacts.versioning());
    UnfinishedUploads.Aborted aborted =
        new UnfinishedUploads(s3, bucket, options)
            .abort(rule, result.cutoffs().deleteModifiedBefore());
    result = result.withUploadsAborted(aborted.aborted(), aborted.errors(), aborted.errorCodes());
    LOG.info(
        "sweep s3://{}/{}{}: {} listed, {} too young, {} deleted, {} kept (consent), {} kept (legal hold), {} kept"
            + " (Object Lock, until {}), {} not matching tags, {} vanished, {} delete markers removed, {} hidden not"
            + " erased, {} unfinished uploads aborted, {} errors {}, cap reached {}, server time {}, {}, in {}",
        bucket,
        rule.prefix(),
        options.dryRun() ? " (dry run)" : "",
        result.listed(),
        result.tooYoung(),
        result.deleted(),
        result.keptConsented(),
        result.keptHeld(),
        result.keptLocked(),
        result.lockedUntil(),
        result.notMatchingTags(),
        result.vanished(),
        result.markersRemoved(),
        result.hiddenNotErased(),
        result.uploadsAborted(),
        result.errors(),
        result.errorCodes(),
        result.capReached(),
        result.serverNow(),
        result.versioning(),
        result.elapsed());
    return result;
  }

  private SweepResult sweepVersions(ObjectSweep rule, BucketFacts bucketFacts) {
    String target =
        "s3://"
            + bucket
            + "/"
            + rule.prefix()
            + " (versions)"
            + (options.dryRun() ? " (dry run)" : "");
    VersionSweepRun run;
    try (SweepRequests requests = new SweepRequests(options.concurrency())) {
      run =
          new VersionSweepRun(
              s3,
              bucket,
              rule,
              options,
              requests,
              new DeleteBatcher(
                  s3,
                  bucket,
                  options.deleteBatchSize(),
                  options.dryRun(),
                  requests,
                  options.concurrency()),
              new SweepProgress(target, options.progressEveryPages()),
              bucketFacts.objectLock().enabled());
      try {
        run.walk();
        run.deleter().finish();
      } catch (RuntimeException e) {
        run.deleter().abandon();
        LOG.warn(
            "sweep {} stopped after {} pages, {} versions listed, {} deleted: {}",
            target,
            run.pages(),
            run.listed(),
            run.deleter().deleted(),
            e.getClass().getSimpleName());
        throw e;
      }
    }
    return run.result(bucketFacts.versioning());
  }

  private SweepResult sweepObjects(ObjectSweep rule) {
    String target = "s3://" + bucket + "/" + rule.prefix() + (options.dryRun() ? " (dry run)" : "");
    SweepRun run;
    try (SweepRequests requests = new SweepRequests(options.concurrency())) {
      run =
          new SweepRun(
              s3,
              bucket,
              rule,
              options,
              requests,
              new DeleteBatcher(
                  s3,
                  bucket,
                  options.deleteBatchSize(),
                  options.dryRun(),
                  requests,
                  options.concurrency()),
              new SweepProgress(target, options.progressEveryPages()));
      try {
        if (options.concurrency() > 1) {
          new ShardedListing(run, requests, shards(options.concurrency()), options.pageSize())
              .listAndDecide();
        } else {
          run.walk(rule.prefix());
        }
        run.deleter().finish();
      } catch (RuntimeException e) {
        run.deleter().abandon();
        LOG.warn(
            "sweep {} stopped after {} pages, {} listed, {} deleted: {}",
            target,
            run.pages(),
            run.listed(),
            run.deleter().deleted(),
            e.getClass().getSimpleName());
        throw e;
      }
    }
    return run.result();
  }

  /**
   * Sub-prefixes listed at once: half the request bound, so their tag reads and deletes still find
   * room.
   */
  static int shards(int concurrency) {
    return Math.max(1, concurrency / 2);
  }
}
