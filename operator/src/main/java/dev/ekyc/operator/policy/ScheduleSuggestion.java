package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.List;

/**
 * Proposes a job schedule that runs often enough for a promise: the least frequent of a few plain cron
 * expressions whose longest gap fits. Fixes quote it; a policy without a schedule of its own gets it as default.
 */
final class ScheduleSuggestion {
  /** Least frequent first; no suggestion runs more often than every 5 minutes. */
  private static final List<String> CANDIDATES = List.of("0 0 * * *", "0 */12 * * *", "0 */8 * * *",
      "0 */6 * * *", "0 */4 * * *", "0 */3 * * *", "0 */2 * * *", "0 * * * *", "*/30 * * * *", "*/20 * * * *",
      "*/15 * * * *", "*/10 * * * *", "*/5 * * * *");

  private ScheduleSuggestion() {}

  /** The least frequent candidate whose longest gap is at most {@code gap}; null when none is. */
  static String withGapAtMost(Duration gap) {
    for (String cron : CANDIDATES) {
      if (CronSchedule.parse(cron).longestGap().compareTo(gap) <= 0) {
        return cron;
      }
    }
    return null;
  }
}
