package dev.ekyc.operator.sql;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Which partitions are old enough to be considered for dropping: those whose every possible
 * timestamp is older than the retention cutoff, i.e. whose exclusive upper bound is at or before it
 * (for a DATE column, at or before the start of the cutoff's day, since a DATE row is due only when
 * its whole day lies before that day). Never the MAXVALUE partition, and never for a TIMESTAMP
 * column (its partition functions depend on the time zone). Being a candidate is not enough: each
 * one is then proven, by a query, to hold no row that must be kept (held, consented, NULL
 * timestamp) before it is dropped. At least one partition always stays: a table cannot lose its
 * last one.
 */
final class DroppablePartitions {
  private DroppablePartitions() {}

  static List<RangePartition> candidates(
      List<RangePartition> partitions, TimestampType type, LocalDateTime retentionCutoff) {
    if (type == TimestampType.TIMESTAMP) {
      return List.of();
    }
    LocalDateTime cutoff =
        type == TimestampType.DATE ? retentionCutoff.toLocalDate().atStartOfDay() : retentionCutoff;
    List<RangePartition> old =
        partitions.stream().filter(p -> !p.unbounded() && !p.upperBound().isAfter(cutoff)).toList();
    return old.isEmpty() || old.size() < partitions.size() ? old : old.subList(0, old.size() - 1);
  }
}
