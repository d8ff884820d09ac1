package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * The sweep job's deletion of whole indices, for search clusters without ILM/ISM: on each run,
 * every index matching {@code indexPattern} created more than {@code deleteAfter} ago (by the
 * cluster's clock) is deleted, except a write index, an index carrying the legal-hold alias, and
 * hidden or system indices. {@code deleteAfter} is the retention plus the write window, as for
 * ILM/ISM, so the newest document is always at least the retention old.
 */
public record IndexSweep(
    String indexPattern,
    Duration deleteAfter,
    Duration writeWindow,
    String legalHoldAlias,
    String schedule,
    long maxDeletionsPerRun,
    Role role)
    implements JobMechanism {

  @Override
  public String kind() {
    return "IndexSweeper";
  }

  @Override
  public String summary() {
    return "index sweeper ("
        + schedule
        + "): delete indices matching "
        + indexPattern
        + " created more than "
        + DurationText.format(deleteAfter)
        + " ago, never a write index"
        + (legalHoldAlias == null ? "" : "; skip indices with alias " + legalHoldAlias);
  }
}
