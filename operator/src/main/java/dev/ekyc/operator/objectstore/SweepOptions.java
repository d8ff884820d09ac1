package dev.ekyc.operator.objectstore;

/**
 * How a sweep runs, as opposed to what it deletes (that is the {@code ObjectSweep}).
 *
 * @param dryRun the same decisions, counted, but no DeleteObjects request
 * @param pageSize keys per ListObjectsV2 page (S3 returns at most 1000)
 * @param deleteBatchSize keys per DeleteObjects request (S3 accepts at most 1000)
 * @param progressEveryPages a progress log line after this many pages
 */
public record SweepOptions(boolean dryRun, int pageSize, int deleteBatchSize, int progressEveryPages) {
  public static final int S3_MAX_KEYS = 1000;

  public SweepOptions {
    requireRange("pageSize", pageSize);
    requireRange("deleteBatchSize", deleteBatchSize);
    if (progressEveryPages < 1) {
      throw new IllegalArgumentException("progressEveryPages must be at least 1, got " + progressEveryPages);
    }
  }

  public static SweepOptions defaults() {
    return new SweepOptions(false, S3_MAX_KEYS, S3_MAX_KEYS, 10);
  }

  public SweepOptions asDryRun() {
    return new SweepOptions(true, pageSize, deleteBatchSize, progressEveryPages);
  }

  private static void requireRange(String name, int value) {
    if (value < 1 || value > S3_MAX_KEYS) {
      throw new IllegalArgumentException(name + " must be between 1 and " + S3_MAX_KEYS + ", got " + value);
    }
  }
}
