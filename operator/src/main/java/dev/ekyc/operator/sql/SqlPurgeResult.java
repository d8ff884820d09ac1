package dev.ekyc.operator.sql;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * What one run did (or, in a dry run, would do). {@code erased} and {@code deleted} are rows;
 * {@code heldSkipped} rows that were due but under legal hold; {@code nullTimestamp} rows never
 * touched because their age is unknown. {@code capReached}: the run used its whole
 * maxDeletionsPerRun budget; {@code backlogRemains}: rows are still due and wait for the next run.
 * Cutoffs and the server time are UTC. {@code partitionsDropped}: whole partitions of a table
 * partitioned by the timestamp removed (or, in a dry run, that would be); their rows are in {@code
 * deleted}.
 */
public record SqlPurgeResult(
    boolean dryRun,
    long erased,
    long deleted,
    long heldSkipped,
    long nullTimestamp,
    LocalDateTime serverTime,
    LocalDateTime eraseCutoff,
    LocalDateTime retentionCutoff,
    LocalDateTime consentedRetentionCutoff,
    long batches,
    boolean capReached,
    boolean backlogRemains,
    Duration elapsed,
    long partitionsDropped) {}
