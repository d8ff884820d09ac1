package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.TablePurge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one table rule: pre-flight, cutoffs from the server's UTC clock, then column erasure and
 * then the purge, each in bounded batches walking the key (sized to the measured batch time, see
 * {@link BatchSizer}), together never more than maxDeletionsPerRun rows. On a table
 * RANGE-partitioned by the timestamp, old partitions in which every row is due are dropped whole
 * before the purge walk ({@link PartitionDropper}). In a dry run it only counts. Library only: the
 * caller owns the connection (its user needs SELECT, UPDATE and DELETE on the table and may read
 * information_schema); the engine changes the session time zone to UTC and, when enforcing, the
 * session's binlog_row_image to MINIMAL ({@link MinimalRowImage}).
 */
public final class SqlPurgeEngine {
  private static final Logger log = LoggerFactory.getLogger(SqlPurgeEngine.class);

  /**
   * Batches steer toward this time per transaction, well under the 0.5 s an application should ever
   * wait on a purge's locks (a batch can take twice its target before the next one shrinks); the
   * rule's batch size is where they start.
   */
  static final Duration BATCH_TARGET = Duration.ofMillis(150);

  static final int MIN_BATCH = 100;
  static final int MAX_BATCH = 100_000;

  private final Connection connection;
  private final String database;
  private final SqlPurgeOptions options;

  public SqlPurgeEngine(Connection connection, String database, SqlPurgeOptions options) {
    this.connection = connection;
    this.database = database;
    this.options = options;
  }

  /**
   * Runs the purge of a rule and, when the rule has sensitive columns, its erasure first (else pass
   * null).
   */
  public SqlPurgeResult run(TablePurge purge, ColumnErasure erasure) throws SQLException {
    return run(purge, erasure, TimeLeft.unknown());
  }

  /**
   * As {@link #run(TablePurge, ColumnErasure)}, with an estimate of the time left in the progress
   * lines.
   */
  public SqlPurgeResult run(TablePurge purge, ColumnErasure erasure, TimeLeft timeLeft)
      throws SQLException {
    long started = System.nanoTime();
    TableTarget target = TableTarget.of(database, purge, erasure);
    if (purge.batchSize() < 1
        || purge.maxDeletionsPerRun() < 1
        || (erasure != null && erasure.batchSize() < 1)) {
      throw new SqlPurgeException(
          "batch size and maxDeletionsPerRun must be at least 1 for " + target.qualifiedTable());
    }
    TimestampType type = SchemaPreflight.check(connection, target, purge, erasure);
    LocalDateTime now = ServerClock.utcNow(connection);
    Cutoffs cutoffs = Cutoffs.from(now, purge, erasure);
    RowPredicates predicates = new RowPredicates(target, type, cutoffs, purge, erasure);
    if (!options.dryRun()) {
      log.info("{}: {}", target.qualifiedTable(), MinimalRowImage.apply(connection));
    }
    log.info(
        "{}: {} run, server time {} UTC, erase cutoff {}, retention cutoff {}, consented cutoff {}",
        target.qualifiedTable(),
        options.dryRun() ? "dry" : "enforcing",
        now,
        cutoffs.erase(),
        cutoffs.retention(),
        cutoffs.consentedRetention());

    long nullTimestamp = count(target, predicates.nullTimestamp());
    DeletionBudget budget = new DeletionBudget(purge.maxDeletionsPerRun());
    long erased;
    long deleted;
    long batches = 0;
    boolean backlog;
    PartitionDropper partitions =
        new PartitionDropper(connection, target, type, cutoffs, predicates.purge());
    PartitionDropper.Outcome dropped;
    if (options.dryRun()) {
      long erasable = erasure == null ? 0 : count(target, predicates.erase());
      var counts = budget.dryRun(erasable, count(target, predicates.purge()));
      erased = counts.erased();
      deleted = counts.deleted();
      backlog = counts.backlog();
      dropped = partitions.drop(budget.leftAfterErasing(erased), true);
    } else {
      erased = 0;
      if (erasure != null) {
        var outcome =
            walk(
                target,
                erasure.batchSize(),
                "erase",
                predicates.erase(),
                JdbcKeyBatches.ERASE,
                budget.cap(),
                timeLeft);
        erased = outcome.rows();
        timeLeft.walked(erased);
        batches += outcome.batches();
      }
      // Whole partitions first: the rows they hold need no batches at all; the walk deletes the
      // rest.
      dropped = partitions.drop(budget.leftAfterErasing(erased), false);
      timeLeft.walked(dropped.rows());
      var outcome =
          walk(
              target,
              purge.batchSize(),
              "delete",
              predicates.purge(),
              JdbcKeyBatches.DELETE,
              budget.leftAfterErasing(erased) - dropped.rows(),
              timeLeft);
      deleted = dropped.rows() + outcome.rows();
      batches += outcome.batches();
      backlog =
          budget.reached(erased, deleted)
              && ((erasure != null && exists(target, predicates.erase()))
                  || exists(target, predicates.purge()));
    }
    // Counted after the walk: held rows are never changed, so the count is the same, over a table
    // the purge made
    // smaller (the held predicate has no index to use; this is a scan).
    long held = predicates.heldSkipped() == null ? 0 : count(target, predicates.heldSkipped());
    boolean capReached = budget.reached(erased, deleted);
    SqlPurgeResult result =
        new SqlPurgeResult(
            options.dryRun(),
            erased,
            deleted,
            held,
            nullTimestamp,
            now,
            cutoffs.erase(),
            cutoffs.retention(),
            cutoffs.consentedRetention(),
            batches,
            capReached,
            backlog,
            Duration.ofNanos(System.nanoTime() - started),
            dropped.partitions().size());
    log.info(
        "{}: {}{} erased, {} deleted ({} partitions dropped whole), {} held rows skipped, {} rows without"
            + " timestamp left alone, {} batches, cap reached {}, backlog remains {}",
        target.qualifiedTable(),
        options.dryRun() ? "would have " : "",
        erased,
        deleted,
        dropped.partitions().size(),
        held,
        nullTimestamp,
        batches,
        capReached,
        backlog);
    if (backlog) {
      log.warn(
          "{}: maxDeletionsPerRun ({}) reached, rows remain due for the next run",
          target.qualifiedTable(),
          budget.cap());
    }
    return result;
  }

  private BatchWalker.Outcome walk(
      TableTarget target,
      int batchSize,
      String action,
      BoundSql predicate,
      JdbcKeyBatches.Change change,
      long budget,
      TimeLeft timeLeft)
      throws SQLException {
    if (budget == 0) {
      return new BatchWalker.Outcome(0, 0);
    }
    BatchSizer sizer =
        BatchSizer.adaptive(batchSize, Math.min(batchSize, MIN_BATCH), MAX_BATCH, BATCH_TARGET);
    if (change == JdbcKeyBatches.ERASE) {
      // An UPDATE has no RETURNING: walking plain key ranges saves reading each batch's keys first.
      var span = JdbcRangeChanges.spanOf(connection, target);
      if (span.isPresent()) {
        try (var ranges = new JdbcRangeChanges(connection, target, predicate, change)) {
          return new RangeWalker(target.qualifiedTable(), sizer, options.progressEveryBatches())
              .walk(action, span.get(), ranges, budget);
        }
      }
    }
    try (var batches = new JdbcKeyBatches(connection, target, predicate, change)) {
      return new BatchWalker(target.qualifiedTable(), sizer, options.progressEveryBatches())
          .reportingTimeLeft(timeLeft)
          .walk(action, batches, budget);
    }
  }

  private long count(TableTarget target, BoundSql predicate) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM " + target.qualifiedTable() + " WHERE " + predicate.sql())) {
      predicate.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private boolean exists(TableTarget target, BoundSql predicate) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1 FROM "
                + target.qualifiedTable()
                + " WHERE "
                + predicate.sql()
                + " LIMIT 1")) {
      predicate.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }
}
