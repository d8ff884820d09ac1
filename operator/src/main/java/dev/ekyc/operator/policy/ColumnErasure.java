package dev.ekyc.operator.policy;

import java.time.Duration;
import java.util.List;

/**
 * Sets sensitive columns to NULL in rows older than {@code eraseAfter} that lack consent, and in
 * rows whose consent was withdrawn; runs in the same job as the purge, before it.
 */
public record ColumnErasure(
    String table,
    String timestampColumn,
    String keyColumn,
    List<String> columns,
    Duration eraseAfter,
    SqlConsent consent,
    String legalHoldColumn,
    String schedule,
    int batchSize,
    Role role)
    implements JobMechanism {

  public ColumnErasure {
    columns = List.copyOf(columns);
  }

  @Override
  public String kind() {
    return "ColumnErasure";
  }

  @Override
  public String summary() {
    return "erasure job ("
        + schedule
        + "): set "
        + String.join(", ", columns)
        + " of "
        + table
        + " to NULL where "
        + timestampColumn
        + " is older than "
        + DurationText.format(eraseAfter)
        + " and consent is missing, withdrawn or below the minimum age";
  }
}
