package dev.ekyc.operator.search;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ages as Elasticsearch/OpenSearch time values ({@code 731d}, {@code 17521h}, {@code 135m}).
 * Rendering rounds up to whole minutes and uses the largest unit that is still exact, so the
 * backend never acts earlier than the policy core computed (730d1h becomes 17521h, not 730d).
 */
public final class LifecycleAge {
  private static final Pattern TIME_VALUE =
      Pattern.compile("^(\\d+(?:\\.\\d+)?)(nanos|micros|ms|s|m|h|d)$");
  private static final long MINUTES_PER_DAY = 24 * 60;

  private LifecycleAge() {}

  public static String render(Duration age) {
    if (age == null || age.isZero() || age.isNegative()) {
      throw new IllegalArgumentException("a lifecycle age must be positive, got " + age);
    }
    long minutes = age.toMinutes();
    if (age.compareTo(Duration.ofMinutes(minutes)) > 0) {
      minutes++;
    }
    if (minutes % MINUTES_PER_DAY == 0) {
      return minutes / MINUTES_PER_DAY + "d";
    }
    if (minutes % 60 == 0) {
      return minutes / 60 + "h";
    }
    return minutes + "m";
  }

  /**
   * Reads a time value as the server prints it back, so that {@code 1d} and {@code 24h} compare
   * equal; null when the text is not a time value (then callers compare the text itself).
   */
  public static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = TIME_VALUE.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    long nanosPerUnit =
        switch (m.group(2)) {
          case "nanos" -> 1L;
          case "micros" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          case "h" -> 3_600_000_000_000L;
          default -> 86_400_000_000_000L;
        };
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
    return Duration.ofNanos(nanos.longValue());
  }
}
