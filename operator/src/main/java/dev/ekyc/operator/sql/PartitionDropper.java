package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops whole partitions of a table RANGE-partitioned by the rule's timestamp column, when every
 * row in them is due: one DDL statement instead of deleting the rows one batch at a time. MariaDB
 * 10.3+ only (it needs {@code LOCK TABLES ... NOWAIT}); elsewhere, and for any layout {@link
 * PartitionLayout} cannot read, nothing is dropped and the row walk does all the work.
 *
 * <p>For each partition whose upper bound is at or before the retention cutoff ({@link
 * DroppablePartitions}):
 *
 * <ol>
 *   <li>a bounded query without locks looks for one row that must be kept, i.e. for which the purge
 *       predicate is not TRUE (held, consented and within the consented retention, NULL timestamp).
 *       If it finds one, or takes longer than {@link #PROOF_LIMIT} (the same check under the lock
 *       would hold the application too long), the partition is left to the row walk;
 *   <li>the table is locked for writing ({@code NOWAIT}, retried briefly: the request never queues
 *       in front of the application), the check is repeated together with a row count (nothing can
 *       change the partition now), and only if no row must be kept and the count fits the run's
 *       remaining cap is the partition dropped;
 *   <li>the lock is released at once, so the application waits at most for one such check and one
 *       drop.
 * </ol>
 *
 * A dry run does the first step and the count and drops nothing. A run killed at any point leaves
 * either the whole partition or none of it (the drop is one atomic DDL; the lock dies with the
 * connection).
 */
final class PartitionDropper {
  private static final Logger log = LoggerFactory.getLogger(PartitionDropper.class);

  /** An unlocked proof slower than this is not repeated under a write lock. */
  static final Duration PROOF_LIMIT = Duration.ofMillis(150);

  private static final int LOCK_ATTEMPTS = 25;
  private static final long LOCK_PAUSE_MS = 20;
  private static final int LOCK_WAIT_TIMEOUT = 1205;

  /**
   * Table access, database access, missing privilege: the job's user may not lock or alter; rows
   * then.
   */
  private static final Set<Integer> NOT_PERMITTED = Set.of(1142, 1044, 1227);

  record Outcome(long rows, List<String> partitions) {
    static final Outcome NONE = new Outcome(0, List.of());
  }

  private final Connection connection;
  private final TableTarget target;
  private final TimestampType type;
  private final Cutoffs cutoffs;
  private final BoundSql mustKeep;

  PartitionDropper(
      Connection connection,
      TableTarget target,
      TimestampType type,
      Cutoffs cutoffs,
      BoundSql purgePredicate) {
    this.connection = connection;
    this.target = target;
    this.type = type;
    this.cutoffs = cutoffs;
    this.mustKeep =
        new BoundSql("(" + purgePredicate.sql() + ") IS NOT TRUE", purgePredicate.params());
  }

  /** Drops (or, in a dry run, names) the partitions it may, within {@code budget} rows. */
  Outcome drop(long budget, boolean dryRun) throws SQLException {
    if (budget <= 0 || !ServerFeatures.lockTablesNowait(connection)) {
      return Outcome.NONE;
    }
    Optional<List<RangePartition>> layout = PartitionLayout.of(readLayout(), target.timestamp());
    if (layout.isEmpty()) {
      return Outcome.NONE;
    }
    List<RangePartition> candidates =
        DroppablePartitions.candidates(layout.get(), type, cutoffs.retention());
    long rows = 0;
    List<String> dropped = new ArrayList<>();
    for (RangePartition partition : candidates) {
      SqlIdentifier name = SqlIdentifier.of(partition.name());
      if (!provenDueWithoutLock(name)) {
        continue;
      }
      long count;
      if (dryRun) {
        count = countRows(name);
        if (count > budget - rows) {
          continue;
        }
      } else {
        Long droppedRows = lockCheckAndDrop(name, budget - rows);
        if (droppedRows == null) {
          break; // not permitted, or the table stayed busy: the row walk does the rest
        }
        if (droppedRows < 0) {
          continue;
        }
        count = droppedRows;
      }
      rows += count;
      dropped.add(partition.name());
    }
    if (!dropped.isEmpty()) {
      log.info(
          "{}: {}dropped partitions {} ({} rows), every row in them due",
          target.qualifiedTable(),
          dryRun ? "would have " : "",
          dropped,
          rows);
    }
    return new Outcome(rows, List.copyOf(dropped));
  }

  private List<PartitionLayout.Row> readLayout() throws SQLException {
    List<PartitionLayout.Row> rows = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT PARTITION_NAME, PARTITION_METHOD,"
                + " PARTITION_EXPRESSION, PARTITION_DESCRIPTION, SUBPARTITION_METHOD FROM information_schema.PARTITIONS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY PARTITION_ORDINAL_POSITION,"
                + " SUBPARTITION_ORDINAL_POSITION")) {
      statement.setString(1, target.database().name());
      statement.setString(2, target.table().name());
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(
              new PartitionLayout.Row(
                  result.getString(1),
                  result.getString(2),
                  result.getString(3),
                  result.getString(4),
                  result.getString(5)));
        }
      }
    }
    return rows;
  }

  private boolean provenDueWithoutLock(SqlIdentifier partition) throws SQLException {
    long started = System.nanoTime();
    boolean kept;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM "
                + target.qualifiedTable()
                + " PARTITION ("
                + partition.quoted()
                + ") WHERE "
                + mustKeep.sql()
                + " LIMIT 1")) {
      mustKeep.bind(statement, 1);
      try (ResultSet result = statement.executeQuery()) {
        kept = result.next();
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (kept) {
      log.info(
          "{}: partition {} holds rows that must be kept; purged row by row",
          target.qualifiedTable(),
          partition.name());
      return false;
    }
    if (millis > PROOF_LIMIT.toMillis()) {
      log.info(
          "{}: partition {} took {} ms to check, too long to repeat under a write lock; purged row by row",
          target.qualifiedTable(),
          partition.name(),
          millis);
      return false;
    }
    return true;
  }

  private long countRows(SqlIdentifier partition) throws SQLException {
    try (PreparedStatement statement =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM "
                    + target.qualifiedTable()
                    + " PARTITION ("
                    + partition.quoted()
                    + ")");
        ResultSet result = statement.executeQuery()) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * Under a write lock: the rows of the partition if it was dropped, -1 if it was kept (a row must
   * be kept, or it has more rows than the cap leaves), null if the table could not be locked or
   * altered.
   */
  private Long lockCheckAndDrop(SqlIdentifier partition, long budget) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try {
        if (!lock(statement)) {
          log.info(
              "{}: the table stayed busy for {} lock attempts; its old partitions are purged row by row",
              target.qualifiedTable(),
              LOCK_ATTEMPTS);
          return null;
        }
      } catch (SQLException e) {
        return notPermitted(e);
      }
      try {
        long started = System.nanoTime();
        long rows;
        long kept;
        try (PreparedStatement check =
            connection.prepareStatement(
                "SELECT COUNT(*), COUNT(CASE WHEN "
                    + mustKeep.sql()
                    + " THEN 1 END) FROM "
                    + target.qualifiedTable()
                    + " PARTITION ("
                    + partition.quoted()
                    + ")")) {
          mustKeep.bind(check, 1);
          try (ResultSet result = check.executeQuery()) {
            result.next();
            rows = result.getLong(1);
            kept = result.getLong(2);
          }
        }
        if (kept > 0 || rows > budget) {
          log.info(
              "{}: partition {} kept ({}); purged row by row",
              target.qualifiedTable(),
              partition.name(),
              kept > 0
                  ? "a row that must be kept appeared"
                  : rows + " rows exceed the " + budget + " the cap leaves");
          return -1L;
        }
        try {
          statement.execute(
              "ALTER TABLE " + target.qualifiedTable() + " DROP PARTITION " + partition.quoted());
        } catch (SQLException e) {
          return notPermitted(e);
        }
        log.info(
            "{}: dropped partition {} ({} rows), table locked {} ms",
            target.qualifiedTable(),
            partition.name(),
            rows,
            (System.nanoTime() - started) / 1_000_000);
        return rows;
      } finally {
        statement.execute("UNLOCK TABLES");
      }
    }
  }

  /**
   * NOWAIT, a few times: a request that waited would queue the application's statements behind it.
   */
  private boolean lock(Statement statement) throws SQLException {
    for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
      try {
        statement.execute("LOCK TABLES " + target.qualifiedTable() + " WRITE NOWAIT");
        return true;
      } catch (SQLException e) {
        if (e.getErrorCode() != LOCK_WAIT_TIMEOUT) {
          throw e;
        }
      }
      try {
        Thread.sleep(LOCK_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SqlPurgeException("interrupted while waiting to lock " + target.qualifiedTable());
      }
    }
    return false;
  }

  private Long notPermitted(SQLException e) throws SQLException {
    if (!NOT_PERMITTED.contains(e.getErrorCode())) {
      throw e;
    }
    log.warn(
        "{}: dropping old partitions needs the LOCK TABLES, ALTER and DROP privileges, which this user lacks"
            + " ({}); purged row by row",
        target.qualifiedTable(),
        e.getMessage());
    return null;
  }
}
