package dev.ekyc.operator.objectstore;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one sweep run did, in counts only: keys can contain personal identifiers, so none are kept here.
 *
 * @param deleted objects S3 confirmed deleted; in a dry run, the objects that would have been deleted
 * @param vanished objects listed but gone before their tags could be read (deleted by someone else)
 * @param errors keys DeleteObjects refused (for example Object Lock), by S3 error code in {@code errorCodes}
 * @param capReached the run stopped at {@code maxDeletionsPerRun} with at least one more object due: a backlog
 *     remains for the next run
 * @param oldestDueLeft with the cap reached, the last-modified time of the oldest due object the run saw and left
 *     (listing stops at the cap and goes in key order, so older due objects may lie beyond it); null otherwise
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
    Instant oldestDueLeft) {

  public SweepResult {
    errorCodes = Map.copyOf(errorCodes);
  }

  public Instant serverNow() {
    return cutoffs.serverNow();
  }
}
