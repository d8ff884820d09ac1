package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.TablePurge;
import java.time.LocalDateTime;

/**
 * The database server's UTC time at the start of the run and the cutoffs computed from it: rows
 * whose timestamp is before a cutoff are older than the corresponding duration. {@code erase} is
 * null without an erasure, {@code consentedRetention} null without a longer retention for consented
 * rows.
 */
public record Cutoffs(
    LocalDateTime serverTime,
    LocalDateTime erase,
    LocalDateTime retention,
    LocalDateTime consentedRetention) {

  public static Cutoffs from(LocalDateTime serverTime, TablePurge purge, ColumnErasure erasure) {
    if (purge.consent() != null && purge.consentedRetention() == null) {
      throw new SqlPurgeException(
          "the purge of "
              + purge.table()
              + " has consent but no consented retention:"
              + " set withConsent.retention");
    }
    return new Cutoffs(
        serverTime,
        erasure == null ? null : serverTime.minus(erasure.eraseAfter()),
        serverTime.minus(purge.deleteOlderThan()),
        purge.consent() == null ? null : serverTime.minus(purge.consentedRetention()));
  }
}
