package dev.ekyc.operator.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression as Kubernetes CronJobs read it (minute hour day-of-month month
 * day-of-week, UTC), parsed so the core can compute the longest gap between two runs: that gap is
 * part of every worst-case age.
 */
public final class CronSchedule {
  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("JAN", 1),
          Map.entry("FEB", 2),
          Map.entry("MAR", 3),
          Map.entry("APR", 4),
          Map.entry("MAY", 5),
          Map.entry("JUN", 6),
          Map.entry("JUL", 7),
          Map.entry("AUG", 8),
          Map.entry("SEP", 9),
          Map.entry("OCT", 10),
          Map.entry("NOV", 11),
          Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS =
      Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

  /**
   * The Gregorian calendar repeats every 28 years between century years, so the gaps repeat too; a
   * gap may start in one cycle and end in the next (the longest possible, Feb 29 only, is four
   * years). Two cycles (2024-2079) hold every gap in full: each one starts, in one of its repeats,
   * inside the first cycle.
   */
  private static final int SIMULATED_DAYS = 2 * (28 * 365 + 7);

  private static final long NO_GAP = -1;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean dayOfMonthRestricted;
  private final boolean dayOfWeekRestricted;
  private final Duration longestGap;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = parseField(f[0], 0, 59, Map.of(), "minute");
    this.hours = parseField(f[1], 0, 23, Map.of(), "hour");
    this.daysOfMonth = parseField(f[2], 1, 31, Map.of(), "day of month");
    this.months = parseField(f[3], 1, 12, MONTHS, "month");
    // 0-6 as Kubernetes' cron parser (robfig/cron) accepts; it rejects 7.
    this.daysOfWeek = parseField(f[4], 0, 6, DAYS, "day of week");
    this.dayOfMonthRestricted = restricted(f[2]);
    this.dayOfWeekRestricted = restricted(f[4]);
    this.longestGap = computeLongestGap();
  }

  /**
   * Parses an expression; throws {@link IllegalArgumentException} naming the bad field and what is
   * allowed.
   */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException(
          "empty cron expression: write five fields, e.g. '*/15 * * * *'");
    }
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "'"
              + expression
              + "' has "
              + fields.length
              + " fields; write five: minute hour day-of-month month day-of-week, e.g. '17 * * * *'");
    }
    CronSchedule schedule = new CronSchedule(expression.trim(), fields);
    if (schedule.longestGap == null) {
      throw new IllegalArgumentException(
          "'" + expression + "' never runs (or on fewer than two days in 56 years)");
    }
    return schedule;
  }

  public String expression() {
    return expression;
  }

  /**
   * The longest time between two consecutive runs over the calendar's 28-year cycle. A run due but
   * delayed is not counted: CronJobs with concurrencyPolicy Forbid and a deadline keep runs within
   * their slot.
   */
  public Duration longestGap() {
    return longestGap;
  }

  /** As robfig/cron: a field is unrestricted only as a bare * or ?, or with a step of 1 (*\/1). */
  private static boolean restricted(String field) {
    return !(field.equals("*") || field.equals("?") || field.equals("*/1") || field.equals("?/1"));
  }

  /**
   * Walks every run in two calendar cycles keeping only the previous one, so every-minute schedules
   * stay cheap.
   */
  private Duration computeLongestGap() {
    List<Integer> offsets = new ArrayList<>();
    for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
      for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
        offsets.add(h * 60 + m);
      }
    }
    long withinDay = 0;
    for (int i = 1; i < offsets.size(); i++) {
      withinDay = Math.max(withinDay, offsets.get(i) - offsets.get(i - 1));
    }
    long previous = Long.MIN_VALUE;
    long longest = NO_GAP;
    LocalDate day = LocalDate.of(2024, 1, 1);
    for (int d = 0; d < SIMULATED_DAYS; d++, day = day.plusDays(1)) {
      if (!runsOn(day)) {
        continue;
      }
      long dayStart = day.toEpochDay() * 1440;
      if (previous != Long.MIN_VALUE) {
        longest = Math.max(longest, dayStart + offsets.get(0) - previous);
      }
      previous = dayStart + offsets.get(offsets.size() - 1);
    }
    if (longest == NO_GAP) {
      return null; // fewer than two days with runs
    }
    return Duration.ofMinutes(Math.max(longest, withinDay));
  }

  /** Standard cron: when both day fields are restricted, a day matching either one runs. */
  private boolean runsOn(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean domMatch = daysOfMonth.get(day.getDayOfMonth());
    boolean dowMatch =
        daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    if (dayOfMonthRestricted && dayOfWeekRestricted) {
      return domMatch || dowMatch;
    }
    return domMatch && dowMatch;
  }

  private static BitSet parseField(
      String field, int min, int max, Map<String, Integer> names, String what) {
    BitSet bits = new BitSet();
    for (String part : field.split(",", -1)) {
      int slash = part.indexOf('/');
      boolean stepped = slash >= 0;
      String range = stepped ? part.substring(0, slash) : part;
      if (range.isEmpty()) {
        throw new IllegalArgumentException(
            "empty value in "
                + what
                + " field '"
                + field
                + "': write a number, a range (1-5) or * before each comma or /");
      }
      int step =
          stepped ? parseNumber(part.substring(slash + 1), 1, max, Map.of(), what, field) : 1;
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = parseNumber(ends[0], min, max, names, what, field);
        to = parseNumber(ends[1], min, max, names, what, field);
        if (from > to) {
          throw new IllegalArgumentException(
              what + " range '" + range + "' runs backwards in '" + field + "'");
        }
      } else {
        from = parseNumber(range, min, max, names, what, field);
        to = stepped ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int parseNumber(
      String text, int min, int max, Map<String, Integer> names, String what, String field) {
    Integer named = names.get(text.toUpperCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            what + " value " + value + " in '" + field + "' is outside " + min + "-" + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' in "
              + what
              + " field '"
              + field
              + "' is not a number"
              + (names.isEmpty() ? "" : " or name"));
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
