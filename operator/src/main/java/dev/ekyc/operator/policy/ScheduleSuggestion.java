package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.List;

/**
 * Proposes a job schedule that runs often enough for a promise: the least frequent of a few plain
 * cron expressions whose longest gap fits. Fixes quote it; a policy without a schedule of its own
 * gets it as default.
 */
final class ScheduleSuggestion {
  /**
   * A plain schedule and its longest gap (ScheduleSuggestionTest checks each against CronSchedule).
   */
  record Candidate(String cron, Duration gap) {}

  /**
   * Least frequent first; no suggestion runs more often than every 5 minutes. The gaps are stated,
   * not computed at run time: these regular schedules' gaps are plain arithmetic, and asking
   * CronSchedule for each fix or default made every compile walk 28 years of calendar a dozen
   * times.
   */
  static final List<Candidate> CANDIDATES =
      List.of(
          new Candidate("0 0 * * *", Duration.ofHours(24)),
          new Candidate("0 */12 * * *", Duration.ofHours(12)),
          new Candidate("0 */8 * * *", Duration.ofHours(8)),
          new Candidate("0 */6 * * *", Duration.ofHours(6)),
          new Candidate("0 */4 * * *", Duration.ofHours(4)),
          new Candidate("0 */3 * * *", Duration.ofHours(3)),
          new Candidate("0 */2 * * *", Duration.ofHours(2)),
          new Candidate("0 * * * *", Duration.ofHours(1)),
          new Candidate("*/30 * * * *", Duration.ofMinutes(30)),
          new Candidate("*/20 * * * *", Duration.ofMinutes(20)),
          new Candidate("*/15 * * * *", Duration.ofMinutes(15)),
          new Candidate("*/10 * * * *", Duration.ofMinutes(10)),
          new Candidate("*/5 * * * *", Duration.ofMinutes(5)));

  private ScheduleSuggestion() {}

  /** The least frequent candidate whose longest gap is at most {@code gap}; null when none is. */
  static String withGapAtMost(Duration gap) {
    for (Candidate candidate : CANDIDATES) {
      if (candidate.gap().compareTo(gap) <= 0) {
        return candidate.cron();
      }
    }
    return null;
  }
}
