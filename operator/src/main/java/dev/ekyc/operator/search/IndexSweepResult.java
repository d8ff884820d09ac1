package dev.ekyc.operator.search;

import java.time.Instant;

/**
 * What one index sweep did (or, in a dry run, would have done). Counts only; index names stay in
 * the cluster.
 *
 * @param serverNow the cluster's clock, whole seconds, that the cutoff was computed from
 * @param cutoff indices created before it were due
 * @param listed indices the pattern matched
 * @param deleted deleted (dry run: would have been deleted)
 * @param keptHeld due, but carrying the legal-hold alias
 * @param tooYoung created at or after the cutoff
 * @param writeIndices due, but the write index of an alias: kept (the alias should roll over)
 * @param noCreationDate without a creation date: age unknown, kept
 * @param systemOrHidden hidden or system indices the pattern reached (never deleted)
 * @param errors deletions the cluster refused
 * @param backlog due indices the cap left for the next run
 * @param oldestBacklogCreated creation time of the oldest of those, null without backlog
 */
public record IndexSweepResult(
    boolean dryRun,
    Instant serverNow,
    Instant cutoff,
    long listed,
    long deleted,
    long keptHeld,
    long tooYoung,
    long writeIndices,
    long noCreationDate,
    long systemOrHidden,
    long errors,
    boolean capReached,
    long backlog,
    Instant oldestBacklogCreated) {}
