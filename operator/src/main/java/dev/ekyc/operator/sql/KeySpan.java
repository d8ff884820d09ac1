package dev.ekyc.operator.sql;

/**
 * The smallest and largest value of an integer key that is unique by itself. Such a key can be
 * walked by plain ranges, {@code key BETWEEN from AND to}: a range of n values holds at most n
 * rows, so a batch never changes more rows than the cap allows, and no batch needs to read its keys
 * first, sort or LIMIT. Worth it only while the keys are dense enough that ranges are not mostly
 * empty.
 */
record KeySpan(long min, long max) {
  /** Ranges may hold up to this many key values per row before the walk counts as too sparse. */
  static final long MAX_VALUES_PER_ROW = 4;

  /**
   * Small tables are walked by ranges whatever their density: a few hundred cheap batches at most.
   */
  static final long SMALL_TABLE_VALUES = 10_000;

  KeySpan {
    if (max < min) {
      throw new IllegalArgumentException("max " + max + " < min " + min);
    }
  }

  /**
   * How many key values lie between min and max (saturating: a span over Long.MAX_VALUE counts as
   * that).
   */
  long values() {
    long values = max - min + 1;
    return values <= 0 ? Long.MAX_VALUE : values;
  }

  /**
   * True when ranges over this span are dense enough for a table of about {@code estimatedRows}
   * rows.
   */
  boolean denseFor(long estimatedRows) {
    long rows = Math.max(0, estimatedRows);
    long allowed =
        rows > (Long.MAX_VALUE - SMALL_TABLE_VALUES) / MAX_VALUES_PER_ROW
            ? Long.MAX_VALUE
            : MAX_VALUES_PER_ROW * rows + SMALL_TABLE_VALUES;
    return values() <= allowed;
  }
}
