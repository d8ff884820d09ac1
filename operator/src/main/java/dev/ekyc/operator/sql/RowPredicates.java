package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.TablePurge;
import java.time.LocalDateTime;
import java.util.stream.Collectors;

/**
 * The WHERE conditions of one table rule, exactly as SqlRuleCompiler explains them to the user:
 *
 * <ul>
 *   <li>erase: older than eraseAfter, not consented (missing, withdrawn, under age without allowed
 *       parental consent), not held, and some sensitive column still set. Withdrawn consent is
 *       simply "not consented": the columns go at the first run once the row is older than
 *       eraseAfter, never earlier.
 *   <li>purge: older than the retention, not held, and either not consented or older than the
 *       consent retention.
 * </ul>
 *
 * A NULL timestamp is never older than anything (age unknown); a NULL hold is "not held"; consent
 * is never NULL.
 */
public final class RowPredicates {
  private final TableTarget target;
  private final TimestampType type;
  private final Cutoffs cutoffs;
  private final TablePurge purge;
  private final ColumnErasure erasure;

  public RowPredicates(
      TableTarget target,
      TimestampType type,
      Cutoffs cutoffs,
      TablePurge purge,
      ColumnErasure erasure) {
    this.target = target;
    this.type = type;
    this.cutoffs = cutoffs;
    this.purge = purge;
    this.erasure = erasure;
  }

  /** Rows whose sensitive columns are to be set to NULL now. */
  public BoundSql erase() {
    return notHeld(eraseDue());
  }

  /** Rows to delete now. */
  public BoundSql purge() {
    return notHeld(purgeDue());
  }

  /** Held rows that would otherwise be erased or deleted now; null without a hold column. */
  public BoundSql heldSkipped() {
    if (target.legalHold() == null) {
      return null;
    }
    BoundSql due = erasure == null ? purgeDue() : eraseDue().or(purgeDue());
    return BoundSql.of(target.legalHold().quoted() + " IS TRUE").and(due);
  }

  public BoundSql nullTimestamp() {
    return BoundSql.of(target.timestamp().quoted() + " IS NULL");
  }

  BoundSql eraseDue() {
    BoundSql notConsented = ConsentPredicate.consented(erasure.consent(), target.timestamp()).not();
    String allNull =
        target.sensitiveColumns().stream()
            .map(c -> c.quoted() + " IS NULL")
            .collect(Collectors.joining(" AND "));
    return olderThan(cutoffs.erase()).and(notConsented).and(BoundSql.of("NOT (" + allNull + ")"));
  }

  BoundSql purgeDue() {
    BoundSql due = olderThan(cutoffs.retention());
    if (purge.consent() == null) {
      return due;
    }
    BoundSql notConsented = ConsentPredicate.consented(purge.consent(), target.timestamp()).not();
    return due.and(notConsented.or(olderThan(cutoffs.consentedRetention())));
  }

  private BoundSql olderThan(LocalDateTime cutoff) {
    String ts = target.timestamp().quoted();
    return BoundSql.of(ts + " IS NOT NULL AND " + ts + " < ?", type.bindValue(cutoff));
  }

  private BoundSql notHeld(BoundSql predicate) {
    if (target.legalHold() == null) {
      return predicate;
    }
    return predicate.and(BoundSql.of(target.legalHold().quoted() + " IS NOT TRUE"));
  }
}
