package dev.ekyc.operator.objectstore;

/**
 * How a sweep runs, as opposed to what it deletes (that is the {@code ObjectSweep}).
 *
 * @param dryRun the same decisions, counted, but no DeleteObjects request
 * @param pageSize keys per ListObjectsV2 page (S3 returns at most 1000)
 * @param deleteBatchSize keys per DeleteObjects request (S3 accepts at most 1000)
 * @param progressEveryPages a progress log line after this many pages
 * @param concurrency requests in flight at most: tag reads of a page, DeleteObjects batches, and
 *     the next page's listing while a page is decided; 1 runs every request in turn on the caller's
 *     thread
 */
public record SweepOptions(
    boolean dryRun, int pageSize, int deleteBatchSize, int progressEveryPages, int concurrency) {
  public static final int S3_MAX_KEYS = 1000;

  /**
   * Enough to hide a request's round trip behind others on a small node; a bound, not a tuning knob
   * per bucket.
   */
  public static final int DEFAULT_CONCURRENCY = 16;

  static final int MAX_CONCURRENCY = 64;

  public SweepOptions {
    requireRange("pageSize", pageSize);
    requireRange("deleteBatchSize", deleteBatchSize);
    if (progressEveryPages < 1) {
      throw new IllegalArgumentException(
          "progressEveryPages must be at least 1, got " + progressEveryPages);
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + concurrency);
    }
  }

  /** One request at a time. */
  public SweepOptions(boolean dryRun, int pageSize, int deleteBatchSize, int progressEveryPages) {
    this(dryRun, pageSize, deleteBatchSize, progressEveryPages, 1);
  }

  public static SweepOptions defaults() {
    return new SweepOptions(false, S3_MAX_KEYS, S3_MAX_KEYS, 10, DEFAULT_CONCURRENCY);
  }

  public SweepOptions asDryRun() {
    return new SweepOptions(true, pageSize, deleteBatchSize, progressEveryPages, concurrency);
  }

  public SweepOptions withConcurrency(int requests) {
    return new SweepOptions(dryRun, pageSize, deleteBatchSize, progressEveryPages, requests);
  }

  private static void requireRange(String name, int value) {
    if (value < 1 || value > S3_MAX_KEYS) {
      throw new IllegalArgumentException(
          name + " must be between 1 and " + S3_MAX_KEYS + ", got " + value);
    }
  }
}
