package dev.ekyc.operator.objectstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one sweep run did, in counts only: keys can contain personal identifiers, so none are kept
 * here.
 *
 * @param deleted objects, or on a versioned bucket versions (current and noncurrent, by version
 *     ID), whose bytes S3 confirmed gone; in a dry run, those that would have been deleted. Never a
 *     delete marker S3 added.
 * @param vanished objects listed but gone before their tags could be read (deleted by someone else)
 * @param errors keys DeleteObjects refused (for example Object Lock), by S3 error code in {@code
 *     errorCodes}
 * @param capReached the run stopped at {@code maxDeletionsPerRun} with at least one more object
 *     due: a backlog remains for the next run
 * @param oldestDueLeft with the cap reached, the last-modified time of the oldest due object the
 *     run saw and left (listing stops at the cap and goes in key order, so older due objects may
 *     lie beyond it); null otherwise
 * @param versioning the bucket's versioning at the start of the run: with {@link
 *     BucketVersioning#keepsVersions()}, {@code listed} and the counts are of versions, not keys
 * @param markersRemoved delete markers removed because no version of their key is left behind them
 * @param hiddenNotErased deletions S3 answered with {@code DeleteMarker: true}: the data is still
 *     readable by version ID. Never counted as deleted; any fails the run.
 * @param keptLocked due versions kept because an Object Lock retention date is still ahead (S3
 *     would refuse)
 * @param lockedUntil the latest retain-until date among them: the residual worst case the locks
 *     imply; null if none
 * @param uploadsAborted unfinished multipart uploads initiated before the base cutoff and aborted
 *     (their parts are gone); in a dry run, those that would have been
 */
public record SweepResult(
    String bucket,
    String prefix,
    boolean dryRun,
    long pages,
    long listed,
    long tooYoung,
    long deleted,
    long keptConsented,
    long keptHeld,
    long notMatchingTags,
    long vanished,
    long errors,
    Map<String, Long> errorCodes,
    boolean capReached,
    SweepCutoffs cutoffs,
    Duration elapsed,
    Instant oldestDueLeft,
    BucketVersioning versioning,
    long markersRemoved,
    long hiddenNotErased,
    long keptLocked,
    Instant lockedUntil,
    long uploadsAborted) {

  public SweepResult {
    errorCodes = Map.copyOf(errorCodes);
  }

  SweepResult withVersioning(BucketVersioning bucketVersioning) {
    return new SweepResult(
        bucket,
        prefix,
        dryRun,
        pages,
        listed,
        tooYoung,
        deleted,
        keptConsented,
        keptHeld,
        notMatchingTags,
        vanished,
        errors,
        errorCodes,
        capReached,
        cutoffs,
        elapsed,
        oldestDueLeft,
        bucketVersioning,
        markersRemoved,
        hiddenNotErased,
        keptLocked,
        lockedUntil,
        uploadsAborted);
  }

  SweepResult withUploadsAborted(
      long aborted, long abortErrors, Map<String, Long> abortErrorCodes) {
    Map<String, Long> codes = new java.util.TreeMap<>(errorCodes);
    abortErrorCodes.forEach((code, n) -> codes.merge(code, n, Long::sum));
    return new SweepResult(
        bucket,
        prefix,
        dryRun,
        pages,
        listed,
        tooYoung,
        deleted,
        keptConsented,
        keptHeld,
        notMatchingTags,
        vanished,
        errors + abortErrors,
        codes,
        capReached,
        cutoffs,
        elapsed,
        oldestDueLeft,
        versioning,
        markersRemoved,
        hiddenNotErased,
        keptLocked,
        lockedUntil,
        aborted);
  }

  public Instant serverNow() {
    return cutoffs.serverNow();
  }
}
