package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.ObjectSweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs one {@link ObjectSweep} against a bucket: lists the rule's prefix page by page (ListObjectsV2, never the
 * whole listing in memory), decides each object with {@link SweepDecider} against cutoffs taken from the
 * server's {@code Date} header of the first page ({@link ServerClock}), reads tags only for objects past the base
 * retention and only when the rule needs them, and deletes in DeleteObjects batches until
 * {@code maxDeletionsPerRun}. A dry run makes the same decisions and deletes nothing.
 *
 * <p>With {@link SweepOptions#concurrency()} 1, every request runs in turn on the caller's thread over one listing
 * of the prefix. Above 1, the prefix is split at its next "/" (a listing with delimiter, itself paged): the objects
 * directly under the prefix are decided as that listing goes, and each sub-prefix is listed and decided as a shard,
 * a bounded number of shards at a time, while a page's tag reads and full DeleteObjects batches run in a pool of
 * {@code concurrency} requests. The cap is counted under one lock, so it is never passed; memory is a page per
 * running shard plus the batches in flight, whatever the bucket's size.
 *
 * <p>Limits of S3's API that this class cannot close, stated here so nobody assumes otherwise:
 * <ul>
 *   <li><b>Tag read vs delete race.</b> Tags are read (GetObjectTagging) some time before the batch that holds
 *       the key is deleted. S3 has no conditional delete on tags, so a legal-hold tag (or a consent tag) added
 *       in that window is not seen and the object is deleted. Batches are sent as they fill, which keeps the
 *       window to a page of tag reads and the batches in flight, not to a whole run. A hold that must be race-free
 *       needs S3 Object Lock legal holds, which S3 itself enforces (its refusals are counted as errors, not
 *       crashes).</li>
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
    SweepRun run;
    try (SweepRequests requests = new SweepRequests(options.concurrency())) {
      run = new SweepRun(s3, bucket, rule, options, requests, new DeleteBatcher(s3, bucket,
          options.deleteBatchSize(), options.dryRun(), requests, options.concurrency()),
          new SweepProgress(target, options.progressEveryPages()));
      try {
        if (options.concurrency() > 1) {
          new ShardedListing(run, requests, shards(options.concurrency()), options.pageSize()).listAndDecide();
        } else {
          run.walk(rule.prefix());
        }
        run.deleter().finish();
      } catch (RuntimeException e) {
        run.deleter().abandon();
        LOG.warn("sweep {} stopped after {} pages, {} listed, {} deleted: {}", target, run.pages(), run.listed(),
            run.deleter().deleted(), e.getClass().getSimpleName());
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

  /** Sub-prefixes listed at once: half the request bound, so their tag reads and deletes still find room. */
  static int shards(int concurrency) {
    return Math.max(1, concurrency / 2);
  }
}
