package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.SqlConsent;
import dev.ekyc.operator.policy.TablePurge;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a table really holds for one rule, by the server's clock, for the drift check: the oldest
 * row the rule does not keep (not held, not consented or past the consent retention) and, with
 * sensitive columns, the oldest row whose sensitive values are still set without consent. Both are
 * the engine's own {@link RowPredicates} with every cutoff at "now", so a row counts exactly when
 * the engine would delete or erase it once old enough; each is one {@code ORDER BY ts LIMIT 1}
 * read, which an index on the timestamp answers at once (without one, one scan). Rows whose consent
 * was withdrawn are judged from when they fell due (withdrawal, or the retention if later) against
 * the ConsentPolicy's erasure deadline, in one more read that scans the rows with a withdrawal
 * (ordered by an expression, so no index helps; such rows are few and short-lived by design).
 * Read-only.
 */
public final class OldestRows {
  private final Connection connection;
  private final String database;

  public OldestRows(Connection connection, String database) {
    this.connection = connection;
    this.database = database;
  }

  /**
   * One observation per kind of data the rule removes: rows (bound {@code rowBound}), sensitive
   * values where the rule erases (bound {@code sensitiveBound}), and rows with withdrawn consent
   * where the consent records it.
   */
  public List<ObservedAge> observe(
      TablePurge purge, ColumnErasure erasure, Duration rowBound, Duration sensitiveBound)
      throws SQLException {
    TableTarget target = TableTarget.of(database, purge, erasure);
    TimestampType type = SchemaPreflight.check(connection, target, purge, erasure);
    LocalDateTime now = ServerClock.utcNow(connection);
    // Every cutoff at now: "older than the retention" becomes "any row", the rest of each predicate
    // is the engine's.
    Cutoffs atNow =
        new Cutoffs(
            now,
            erasure == null ? null : now,
            now,
            purge.consent() == null ? null : now.minus(purge.consentedRetention()));
    RowPredicates predicates = new RowPredicates(target, type, atNow, purge, erasure);
    String where = target.database().name() + "." + target.table().name();
    List<ObservedAge> out = new ArrayList<>();
    SqlConsent consent = erasure != null ? erasure.consent() : purge.consent();
    BoundSql notWithdrawn = withdrawn(consent, false);
    out.add(
        oldest("rows", where, target, type, predicates.purge().and(notWithdrawn), rowBound, now));
    if (erasure != null) {
      out.add(
          oldest(
              "sensitive values",
              where,
              target,
              type,
              predicates.erase().and(notWithdrawn),
              sensitiveBound,
              now));
    }
    if (consent != null && consent.withdrawnAtColumn() != null) {
      BoundSql due =
          erasure != null ? predicates.erase().or(predicates.purge()) : predicates.purge();
      out.add(
          sinceWithdrawal(
              where,
              target,
              type,
              consent,
              due.and(withdrawn(consent, true)),
              purge,
              erasure,
              consent.erasureAfterWithdrawal(),
              now));
    }
    return out;
  }

  private static BoundSql withdrawn(SqlConsent consent, boolean withdrawn) {
    if (consent == null || consent.withdrawnAtColumn() == null) {
      return BoundSql.of("TRUE");
    }
    return BoundSql.of(
        SqlIdentifier.of(consent.withdrawnAtColumn()).quoted()
            + (withdrawn ? " IS NOT NULL" : " IS NULL"));
  }

  private ObservedAge oldest(
      String what,
      String where,
      TableTarget target,
      TimestampType type,
      BoundSql selected,
      Duration bound,
      LocalDateTime now)
      throws SQLException {
    String ts = target.timestamp().quoted();
    String created = type == TimestampType.DATE ? "(" + ts + " + INTERVAL 1 DAY)" : ts;
    Long age =
        ageOf(
            "SELECT TIMESTAMPDIFF(SECOND, "
                + created
                + ", UTC_TIMESTAMP(6)) FROM "
                + target.qualifiedTable()
                + " WHERE "
                + selected.sql()
                + " ORDER BY "
                + ts
                + " LIMIT 1",
            selected);
    return new ObservedAge(what, where, age, bound, null, now.toInstant(ZoneOffset.UTC));
  }

  /**
   * Seconds since the oldest withdrawn row fell due: the later of its withdrawal and its timestamp
   * plus the erasure delay while sensitive values are set, else plus the retention (an erased row
   * may stay its retention).
   */
  private ObservedAge sinceWithdrawal(
      String where,
      TableTarget target,
      TimestampType type,
      SqlConsent consent,
      BoundSql selected,
      TablePurge purge,
      ColumnErasure erasure,
      Duration bound,
      LocalDateTime now)
      throws SQLException {
    String ts = target.timestamp().quoted();
    String created = type == TimestampType.DATE ? "(" + ts + " + INTERVAL 1 DAY)" : ts;
    String withdrawnAt = SqlIdentifier.of(consent.withdrawnAtColumn()).quoted();
    String rowDue =
        "GREATEST("
            + withdrawnAt
            + ", "
            + created
            + " + INTERVAL "
            + purge.deleteOlderThan().toSeconds()
            + " SECOND)";
    String dueAt = rowDue;
    if (erasure != null) {
      String anySet =
          target.sensitiveColumns().stream()
              .map(c -> c.quoted() + " IS NOT NULL")
              .collect(java.util.stream.Collectors.joining(" OR "));
      dueAt =
          "(CASE WHEN "
              + anySet
              + " THEN GREATEST("
              + withdrawnAt
              + ", "
              + created
              + " + INTERVAL "
              + erasure.eraseAfter().toSeconds()
              + " SECOND) ELSE "
              + rowDue
              + " END)";
    }
    Long age =
        ageOf(
            "SELECT TIMESTAMPDIFF(SECOND, "
                + dueAt
                + ", UTC_TIMESTAMP(6)) AS since FROM "
                + target.qualifiedTable()
                + " WHERE "
                + selected.sql()
                + " ORDER BY since DESC LIMIT 1",
            selected);
    return new ObservedAge(
        "rows with withdrawn consent (since due)",
        where,
        age,
        bound,
        null,
        now.toInstant(ZoneOffset.UTC));
  }

  private Long ageOf(String sql, BoundSql selected) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      selected.bind(statement, 1);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Math.max(0L, rows.getLong(1)) : null;
      }
    }
  }
}
