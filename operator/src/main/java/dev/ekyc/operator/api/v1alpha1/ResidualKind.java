package dev.ekyc.operator.api.v1alpha1;

/**
 * Kinds of copy outside the live store that a rule may acknowledge
 * (spec.rules[].acceptedResiduals[].kind).
 */
public enum ResidualKind {
  /** The MySQL/MariaDB binary log (and binlog backups taken from it). */
  Binlog,
  /** An open transaction's snapshot. */
  OpenTransaction,
  /**
   * Search snapshots (Elasticsearch snapshot repositories and SLM, OpenSearch snapshot management).
   */
  Snapshots,
  /** Backups the DataStore declares (spec.backups). */
  Backups;

  /** The key the status and messages use: binlog, open-transaction, snapshots, backups. */
  public String key() {
    return name().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
