package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Parses and prints the API's durations. Input is one whole number and one unit (m, h, d = 24h),
 * the same syntax the CRD schema enforces; output combines units, largest first: 2h15m, 30d1h,
 * 730d.
 */
public final class DurationText {
  private static final Pattern INPUT = Pattern.compile("^([1-9][0-9]{0,5})(m|h|d)$");

  private DurationText() {}

  /**
   * Parses {@code 2h}, {@code 30d}, {@code 15m}; throws {@link IllegalArgumentException} saying
   * what is allowed.
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "duration");
    Matcher m = INPUT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a duration: write a whole number and one unit, m, h or d (24h), e.g. 15m, 2h,"
              + " 30d, 730d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  public static boolean isValid(String text) {
    return text != null && INPUT.matcher(text.trim()).matches();
  }

  /**
   * Prints days, hours, minutes (and seconds if any), skipping zero parts: 2h15m, 30d1h, 0m; none
   * as "-".
   */
  public static String format(Duration d) {
    if (d == null) {
      return "-";
    }
    if (d.isZero()) {
      return "0m";
    }
    StringBuilder out = new StringBuilder();
    if (d.isNegative()) {
      out.append('-');
      d = d.negated();
    }
    long days = d.toDays();
    int hours = d.toHoursPart();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    if (days > 0) out.append(days).append('d');
    if (hours > 0) out.append(hours).append('h');
    if (minutes > 0) out.append(minutes).append('m');
    if (seconds > 0) out.append(seconds).append('s');
    return out.toString();
  }

  private static final long MAX_NUMBER = 999_999L;

  /**
   * The duration as the API writes it, one number and the largest exact unit (105m, 2h, 30d), or
   * null when it is not a whole number of minutes or too long for one unit. Fixes quote this form:
   * it can be pasted into a manifest.
   */
  public static String apiText(Duration d) {
    if (d == null
        || d.isNegative()
        || d.isZero()
        || d.toSecondsPart() != 0
        || d.toNanosPart() != 0) {
      return null;
    }
    long minutes = d.toMinutes();
    if (minutes % 1440 == 0 && minutes / 1440 <= MAX_NUMBER) return (minutes / 1440) + "d";
    if (minutes % 60 == 0 && minutes / 60 <= MAX_NUMBER) return (minutes / 60) + "h";
    return minutes <= MAX_NUMBER ? minutes + "m" : null;
  }

  /**
   * The longest duration the API can write that is at most {@code limit}; null when that is under a
   * minute.
   */
  public static Duration largestAtMost(Duration limit) {
    long minutes = limit.toMinutes();
    if (minutes < 1) {
      return null;
    }
    return minutes <= MAX_NUMBER ? Duration.ofMinutes(minutes) : Duration.ofHours(limit.toHours());
  }

  /** The shortest duration the API can write that is at least {@code floor}. */
  public static Duration smallestAtLeast(Duration floor) {
    Duration minutes = Duration.ofMinutes(Math.max(1, ceilDiv(floor, Duration.ofMinutes(1))));
    if (minutes.toMinutes() <= MAX_NUMBER) {
      return minutes;
    }
    return Duration.ofHours(ceilDiv(floor, Duration.ofHours(1)));
  }

  /**
   * {@code 105m (1h45m)}: what to write, and the same read the way plans print it, when the two
   * differ.
   */
  public static String forFix(Duration d) {
    String api = apiText(d);
    String readable = format(d);
    return api == null || api.equals(readable) ? readable : api + " (" + readable + ")";
  }

  /** The shorter of two durations, either of which may be missing (null); null when both are. */
  static Duration shorter(Duration a, Duration b) {
    return Stream.of(a, b).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
  }

  private static long ceilDiv(Duration d, Duration unit) {
    long whole = d.dividedBy(unit);
    return unit.multipliedBy(whole).equals(d) ? whole : whole + 1;
  }
}
