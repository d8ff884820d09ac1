package dev.ekyc.operator.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed cron schedules of one compiler, by expression. The operator re-plans every policy when any
 * changes and the 28-year walk of {@link CronSchedule} is the costliest step of a plan; policies
 * share few distinct schedules. Owned by a compiler instance (not static) so that nothing outlives
 * the compiler, e.g. from one test to the next.
 */
final class ParsedSchedules {
  private static final int MAX_CACHED = 256;

  private final Map<String, CronSchedule> parsed =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CronSchedule> eldest) {
          return size() > MAX_CACHED;
        }
      };

  /** As {@link CronSchedule#parse}; a bad expression is not cached and fails every time. */
  synchronized CronSchedule parse(String expression) {
    CronSchedule schedule = parsed.get(expression);
    if (schedule == null) {
      schedule = CronSchedule.parse(expression);
      parsed.put(expression, schedule);
    }
    return schedule;
  }

  synchronized int size() {
    return parsed.size();
  }
}
