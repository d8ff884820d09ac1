package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the API's durations. Input is one whole number and one unit (m, h, d = 24h), the same
 * syntax the CRD schema enforces; output combines units, largest first: 2h15m, 30d1h, 730d.
 */
public final class DurationText {
  private static final Pattern INPUT = Pattern.compile("^([1-9][0-9]{0,5})(m|h|d)$");

  private DurationText() {}

  /** Parses {@code 2h}, {@code 30d}, {@code 15m}; throws {@link IllegalArgumentException} saying what is allowed. */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "duration");
    Matcher m = INPUT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration: write a whole number and one unit, m, h or d (24h), e.g. 15m, 2h,"
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

  /** Prints days, hours, minutes (and seconds if any), skipping zero parts: 2h15m, 30d1h, 0m. */
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
}
