package dev.ekyc.operator.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A five-field cron expression as Kubernetes CronJobs read it (minute hour day-of-month month day-of-week, UTC),
 * parsed so the core can compute the longest gap between two runs: that gap is part of every worst-case age.
 */
public final class CronSchedule {
  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4),
      Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8),
      Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  private static final Map<String, Integer> DAYS = Map.of(
      "SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);
  /** Four years cover every leap-year and weekday combination a five-field expression can express. */
  private static final int SIMULATED_DAYS = 4 * 366 + 7;

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
    BitSet dow = parseField(f[4], 0, 7, DAYS, "day of week");
    if (dow.get(7)) { // 7 and 0 both mean Sunday
      dow.set(0);
      dow.clear(7);
    }
    this.daysOfWeek = dow;
    this.dayOfMonthRestricted = !f[2].startsWith("*") && !f[2].equals("?");
    this.dayOfWeekRestricted = !f[4].startsWith("*") && !f[4].equals("?");
    this.longestGap = computeLongestGap();
  }

  /** Parses an expression; throws {@link IllegalArgumentException} naming the bad field and what is allowed. */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("empty cron expression: write five fields, e.g. '*/15 * * * *'");
    }
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("'" + expression + "' has " + fields.length
          + " fields; write five: minute hour day-of-month month day-of-week, e.g. '17 * * * *'");
    }
    CronSchedule schedule = new CronSchedule(expression.trim(), fields);
    if (schedule.longestGap == null) {
      throw new IllegalArgumentException("'" + expression + "' never runs (or runs less than twice in four years)");
    }
    return schedule;
  }

  public String expression() {
    return expression;
  }

  /**
   * The longest time between two consecutive runs over a four-year cycle. A run that is due but delayed is
   * not counted: CronJobs with concurrencyPolicy Forbid and a deadline keep runs within their slot.
   */
  public Duration longestGap() {
    return longestGap;
  }

  /** Walks every run in four years, keeping only the previous run, so even every-minute schedules stay cheap. */
  private Duration computeLongestGap() {
    long previous = Long.MIN_VALUE;
    long longest = -1;
    LocalDate day = LocalDate.of(2024, 1, 1);
    for (int d = 0; d < SIMULATED_DAYS; d++, day = day.plusDays(1)) {
      if (!runsOn(day)) {
        continue;
      }
      long dayStart = day.toEpochDay() * 1440;
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          long fire = dayStart + h * 60L + m;
          if (previous != Long.MIN_VALUE) {
            longest = Math.max(longest, fire - previous);
          }
          previous = fire;
        }
      }
    }
    return longest < 0 ? null : Duration.ofMinutes(longest);
  }

  /** Standard cron: when both day fields are restricted, a day matching either one runs. */
  private boolean runsOn(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean domMatch = daysOfMonth.get(day.getDayOfMonth());
    boolean dowMatch = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    if (dayOfMonthRestricted && dayOfWeekRestricted) {
      return domMatch || dowMatch;
    }
    return domMatch && dowMatch;
  }

  private static BitSet parseField(String field, int min, int max, Map<String, Integer> names, String what) {
    BitSet bits = new BitSet(max + 1);
    for (String part : field.split(",", -1)) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = parseNumber(part.substring(slash + 1), 1, max, Map.of(), what, field);
        range = part.substring(0, slash);
      }
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
          throw new IllegalArgumentException(what + " range '" + range + "' runs backwards in '" + field + "'");
        }
      } else {
        from = parseNumber(range, min, max, names, what, field);
        to = slash >= 0 ? max : from;
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
          "'" + text + "' in " + what + " field '" + field + "' is not a number" + (names.isEmpty() ? "" : " or name"));
    }
  }

  @Override
  public String toString() {
    return expression;
  }
}
