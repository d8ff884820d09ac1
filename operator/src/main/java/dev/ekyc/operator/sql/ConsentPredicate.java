package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.MinimumAgeRule;
import dev.ekyc.operator.policy.SqlConsent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * SQL that is TRUE exactly when a row is consented and FALSE otherwise, never NULL: the granted
 * column IS TRUE, the withdrawn-at column IS NULL, and, with a minimum age, the end user met the
 * age of their jurisdiction at the row's timestamp (birth date on or before the timestamp's date
 * minus the age in years) or a parent consented where allowed. Every comparison that could be NULL
 * is wrapped in IS TRUE, so "unknown" (NULL birth date, NULL granted) is "not consented".
 */
public final class ConsentPredicate {
  private ConsentPredicate() {}

  /** Names the consent columns a row must have; used by the pre-flight check. */
  public static List<SqlIdentifier> columns(SqlConsent consent) {
    List<SqlIdentifier> columns = new ArrayList<>();
    columns.add(SqlIdentifier.of(consent.grantedColumn()));
    addIfSet(columns, consent.withdrawnAtColumn());
    if (consent.minimumAge() != null) {
      addIfSet(columns, consent.birthDateColumn());
      addIfSet(columns, consent.jurisdictionColumn());
      if (parentalAllowed(consent)) {
        addIfSet(columns, consent.parentalConsentColumn());
      }
    }
    return columns;
  }

  public static BoundSql consented(SqlConsent consent, SqlIdentifier timestamp) {
    if (consent.grantedColumn() == null) {
      throw new SqlPurgeException(
          "ConsentPolicy "
              + consent.consentPolicy()
              + " names no granted column:"
              + " set spec.recordedAs.sqlColumns.granted");
    }
    BoundSql result = BoundSql.of(SqlIdentifier.of(consent.grantedColumn()).quoted() + " IS TRUE");
    if (consent.withdrawnAtColumn() != null) {
      result =
          result.and(
              BoundSql.of(SqlIdentifier.of(consent.withdrawnAtColumn()).quoted() + " IS NULL"));
    }
    if (consent.minimumAge() != null) {
      result = result.and(ageMet(consent, timestamp));
    }
    return result;
  }

  private static BoundSql ageMet(SqlConsent consent, SqlIdentifier timestamp) {
    if (consent.birthDateColumn() == null) {
      throw new SqlPurgeException(
          "ConsentPolicy "
              + consent.consentPolicy()
              + " sets a minimum age but names no"
              + " birth-date column: set spec.recordedAs.sqlColumns.birthDate");
    }
    BoundSql age = ageExpression(consent);
    List<Object> params = new ArrayList<>(age.params());
    BoundSql oldEnough =
        new BoundSql(
            "("
                + SqlIdentifier.of(consent.birthDateColumn()).quoted()
                + " <= DATE_SUB(DATE("
                + timestamp.quoted()
                + "), INTERVAL "
                + age.sql()
                + " YEAR)) IS TRUE",
            params);
    if (!parentalAllowed(consent)) {
      return oldEnough;
    }
    return oldEnough.or(
        BoundSql.of(SqlIdentifier.of(consent.parentalConsentColumn()).quoted() + " IS TRUE"));
  }

  /**
   * The minimum age for the row: a CASE over the jurisdiction column, the default for unknown and
   * NULL.
   */
  static BoundSql ageExpression(SqlConsent consent) {
    MinimumAgeRule rule = consent.minimumAge();
    Map<String, Integer> byJurisdiction = rule.byJurisdiction();
    if (consent.jurisdictionColumn() == null || byJurisdiction.isEmpty()) {
      // Without a jurisdiction column the strictest age applies to everyone (the core already folds
      // it in).
      int strictest =
          byJurisdiction.isEmpty()
              ? rule.defaultAge()
              : Math.max(rule.defaultAge(), Collections.max(byJurisdiction.values()));
      return BoundSql.of("?", strictest);
    }
    StringBuilder sql =
        new StringBuilder("(CASE ").append(SqlIdentifier.of(consent.jurisdictionColumn()).quoted());
    List<Object> params = new ArrayList<>();
    byJurisdiction.forEach(
        (jurisdiction, age) -> {
          sql.append(" WHEN ? THEN ?");
          params.add(jurisdiction);
          params.add(age);
        });
    sql.append(" ELSE ? END)");
    params.add(rule.defaultAge());
    return new BoundSql(sql.toString(), params);
  }

  private static boolean parentalAllowed(SqlConsent consent) {
    return consent.minimumAge() != null
        && consent.minimumAge().parentalConsentAllowed()
        && consent.parentalConsentColumn() != null;
  }

  private static void addIfSet(List<SqlIdentifier> columns, String name) {
    if (name != null) {
      columns.add(SqlIdentifier.of(name));
    }
  }
}
