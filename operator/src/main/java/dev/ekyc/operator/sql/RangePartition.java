package dev.ekyc.operator.sql;

import java.time.LocalDateTime;

/**
 * One partition of a table RANGE-partitioned by the rule's timestamp column: its name and the
 * exclusive upper bound of the timestamps it can hold ({@code upperBound}; null for MAXVALUE). Its
 * rows are those with a timestamp before the bound, and, in the lowest partition, rows whose
 * timestamp is NULL (MariaDB and MySQL put NULL below every value), which is why a partition is
 * only ever dropped after a query found no row in it that must be kept.
 */
record RangePartition(String name, LocalDateTime upperBound) {

  boolean unbounded() {
    return upperBound == null;
  }
}
