package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.TablePurge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * Two bounded reads about the rows a table rule has due now (to delete, or to erase where the rule
 * erases), by the server's clock and through the engine's own {@link RowPredicates}, for the job's
 * report: how many there are, counted only up to a limit (the run's cap, the most a run can change
 * anyway), and the age of the oldest. Both skip held rows and rows without timestamp, as the engine
 * does. Read-only.
 */
public final class DueRows {
  private final Connection connection;
  private final String database;

  public DueRows(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  /** Rows due to erase and to delete now, each counted up to the limit. */
  public record Due(long toErase, long toDelete) {}

  /**
   * Due rows, each kind counted up to {@code limit}: {@code SELECT COUNT(*) FROM (SELECT 1 ...
   * WHERE due LIMIT n)}, which stops after {@code limit} matches instead of counting a huge table's
   * whole backlog.
   */
  public Due countUpTo(TablePurge purge, ColumnErasure erasure, long limit) throws SQLException {
    TableTarget target = TableTarget.of(database, purge, erasure);
    RowPredicates predicates =
        predicates(
            target, SchemaPreflight.check(connection, target, purge, erasure), purge, erasure);
    long toErase = erasure == null ? 0 : countUpTo(target, predicates.erase(), limit);
    return new Due(toErase, countUpTo(target, predicates.purge(), limit));
  }

  private long countUpTo(TableTarget target, BoundSql due, long limit) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM (SELECT 1 FROM "
                + target.qualifiedTable()
                + " WHERE "
                + due.sql()
                + " LIMIT ?) due")) {
      int next = due.bind(statement, 1);
      statement.setLong(next, limit);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * Seconds between the oldest due row's timestamp and the server's UTC time now; empty when no row
   * is due. One row read in timestamp order ({@code ORDER BY ts LIMIT 1}), which an index on the
   * timestamp answers at once. A DATE counts from the end of its day, as the engine judges it.
   */
  public OptionalLong oldestAgeSeconds(TablePurge purge, ColumnErasure erasure)
      throws SQLException {
    Query q = query(purge, erasure);
    String ts = q.target().timestamp().quoted();
    String created = q.type() == TimestampType.DATE ? "(" + ts + " + INTERVAL 1 DAY)" : ts;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT TIMESTAMPDIFF(SECOND, "
                + created
                + ", UTC_TIMESTAMP(6)) FROM "
                + q.table()
                + " WHERE "
                + q.due().sql()
                + " ORDER BY "
                + ts
                + " LIMIT 1")) {
      q.due().bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? OptionalLong.of(Math.max(0L, rows.getLong(1))) : OptionalLong.empty();
      }
    }
  }

  private record Query(TableTarget target, TimestampType type, BoundSql due) {
    String table() {
      return target.qualifiedTable();
    }
  }

  private Query query(TablePurge purge, ColumnErasure erasure) throws SQLException {
    TableTarget target = TableTarget.of(database, purge, erasure);
    TimestampType type = SchemaPreflight.check(connection, target, purge, erasure);
    RowPredicates predicates = predicates(target, type, purge, erasure);
    BoundSql due = erasure == null ? predicates.purge() : predicates.purge().or(predicates.erase());
    return new Query(target, type, due);
  }

  /**
   * The engine's predicates at the server's time now; the session runs in UTC as the engine's does.
   */
  private RowPredicates predicates(
      TableTarget target, TimestampType type, TablePurge purge, ColumnErasure erasure)
      throws SQLException {
    Cutoffs cutoffs = Cutoffs.from(ServerClock.utcNow(connection), purge, erasure);
    return new RowPredicates(target, type, cutoffs, purge, erasure);
  }
}
