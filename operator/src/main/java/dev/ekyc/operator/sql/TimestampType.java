package dev.ekyc.operator.sql;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The accepted types of a row's timestamp column, and how a cutoff is written for each. DATETIME
 * values are taken as UTC (the engine runs with session time_zone '+00:00', which makes TIMESTAMP
 * values UTC too). A DATE says only the day, so a row counts as created at the end of its day: it
 * is older than a cutoff only when its whole day lies before the cutoff's day, which can delete
 * late but never early.
 */
public enum TimestampType {
  DATE,
  DATETIME,
  TIMESTAMP;

  private static final DateTimeFormatter WITH_MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /** The information_schema DATA_TYPE, or null when the type cannot hold a creation time. */
  public static TimestampType fromDataType(String dataType) {
    if (dataType == null) {
      return null;
    }
    return switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
      case "date" -> DATE;
      case "datetime" -> DATETIME;
      case "timestamp" -> TIMESTAMP;
      default -> null;
    };
  }

  /** The cutoff as a bind value for {@code column < ?}. */
  public String bindValue(LocalDateTime cutoff) {
    return this == DATE ? cutoff.toLocalDate().toString() : WITH_MICROS.format(cutoff);
  }
}
