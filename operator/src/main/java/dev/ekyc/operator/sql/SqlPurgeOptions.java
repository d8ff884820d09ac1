package dev.ekyc.operator.sql;

/**
 * How a run behaves: {@code dryRun} counts what would be erased and deleted and writes nothing;
 * {@code progressEveryBatches} logs progress every that many batches.
 */
public record SqlPurgeOptions(boolean dryRun, int progressEveryBatches) {
  public SqlPurgeOptions {
    if (progressEveryBatches < 1) {
      throw new IllegalArgumentException("progressEveryBatches must be at least 1");
    }
  }

  public static SqlPurgeOptions enforce() {
    return new SqlPurgeOptions(false, 10);
  }

  public static SqlPurgeOptions dryRunOnly() {
    return new SqlPurgeOptions(true, 10);
  }
}
