package dev.ekyc.operator.sql;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a table's partitioning, as information_schema.PARTITIONS describes it, into {@link
 * RangePartition}s, but only for the layouts whose bounds can be read exactly as timestamps of the
 * rule's column: {@code RANGE COLUMNS(ts)} with date or datetime literals and {@code RANGE
 * (TO_DAYS(ts))} or {@code RANGE (YEAR(ts))} with integers. Anything else (another column or
 * function, subpartitions, a bound that does not parse) gives no layout: the table is then purged
 * row by row, as any table is.
 */
final class PartitionLayout {
  /**
   * One row of information_schema.PARTITIONS for the table, in PARTITION_ORDINAL_POSITION order.
   */
  record Row(
      String name,
      String method,
      String expression,
      String description,
      String subpartitionMethod) {}

  /** TO_DAYS('1970-01-01'): MariaDB and MySQL count days from year 0. */
  static final long TO_DAYS_OF_EPOCH = 719_528;

  private static final Pattern QUOTED = Pattern.compile("^'([0-9: .-]+)'$");
  private static final Pattern INTEGER = Pattern.compile("^-?[0-9]{1,12}$");
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendPattern(" HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .toFormatter(Locale.ROOT);

  private enum Function {
    COLUMNS,
    TO_DAYS,
    YEAR
  }

  private PartitionLayout() {}

  /**
   * The partitions in order, or empty when the table is not partitioned in a way this engine can
   * drop from.
   */
  static Optional<List<RangePartition>> of(List<Row> rows, SqlIdentifier timestamp) {
    if (rows.isEmpty() || rows.get(0).name() == null) {
      return Optional.empty();
    }
    Function function = null;
    List<RangePartition> partitions = new ArrayList<>();
    LocalDateTime previous = null;
    for (Row row : rows) {
      Function f = function(row, timestamp);
      if (f == null
          || (function != null && f != function)
          || row.subpartitionMethod() != null
          || !validName(row.name())) {
        return Optional.empty();
      }
      function = f;
      LocalDateTime bound;
      if ("MAXVALUE".equalsIgnoreCase(row.description())) {
        bound = null;
      } else {
        bound = bound(f, row.description());
        if (bound == null || (previous != null && !bound.isAfter(previous))) {
          return Optional
              .empty(); // unreadable, or not strictly increasing as RANGE requires: do not guess
        }
      }
      if (!partitions.isEmpty() && partitions.get(partitions.size() - 1).unbounded()) {
        return Optional.empty(); // nothing can follow MAXVALUE
      }
      partitions.add(new RangePartition(row.name(), bound));
      previous = bound;
    }
    return Optional.of(List.copyOf(partitions));
  }

  private static boolean validName(String name) {
    try {
      SqlIdentifier.of(name);
      return true;
    } catch (SqlPurgeException e) {
      return false;
    }
  }

  private static Function function(Row row, SqlIdentifier timestamp) {
    String expression =
        row.expression() == null
            ? ""
            : row.expression().replace("`", "").trim().toLowerCase(Locale.ROOT);
    String column = timestamp.name().toLowerCase(Locale.ROOT);
    if ("RANGE COLUMNS".equalsIgnoreCase(row.method())) {
      return expression.equals(column) ? Function.COLUMNS : null;
    }
    if ("RANGE".equalsIgnoreCase(row.method())) {
      if (expression.equals("to_days(" + column + ")")) {
        return Function.TO_DAYS;
      }
      if (expression.equals("year(" + column + ")")) {
        return Function.YEAR;
      }
    }
    return null;
  }

  /**
   * The exclusive upper bound as a timestamp, or null when the description cannot be read exactly.
   */
  private static LocalDateTime bound(Function function, String description) {
    String text = description == null ? "" : description.trim();
    try {
      switch (function) {
        case COLUMNS -> {
          Matcher m = QUOTED.matcher(text);
          return m.matches() ? LocalDateTime.parse(m.group(1), DATE_TIME) : null;
        }
        case TO_DAYS -> {
          // TO_DAYS(ts) < n exactly when ts is before the start of day n.
          return INTEGER.matcher(text).matches()
              ? LocalDate.ofEpochDay(Long.parseLong(text) - TO_DAYS_OF_EPOCH).atStartOfDay()
              : null;
        }
        case YEAR -> {
          return INTEGER.matcher(text).matches()
              ? LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay()
              : null;
        }
        default -> {
          return null;
        }
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }
}
