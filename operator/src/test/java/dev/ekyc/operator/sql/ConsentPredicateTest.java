package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.policy.MinimumAgeRule;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.SqlConsent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentPredicateTest {
  private static final SqlIdentifier TS = SqlIdentifier.of("created_at");
  private static final String AGE =
      "(`birth_date` <= DATE_SUB(DATE(`created_at`), INTERVAL"
          + " (CASE `jurisdiction` WHEN ? THEN ? WHEN ? THEN ? ELSE ? END) YEAR)) IS TRUE";

  @Test
  void strictConsentWithParentalConsentAllowed() {
    BoundSql sql = ConsentPredicate.consented(SqlRuleFixtures.consent(true), TS);
    assertThat(sql.sql())
        .isEqualTo(
            "((`consent_granted` IS TRUE) AND (`consent_withdrawn_at` IS NULL))"
                + " AND (("
                + AGE
                + ") OR (`parental_consent` IS TRUE))");
    // Jurisdictions and ages are bound, in sorted order, then the default for unknown and NULL
    // jurisdictions.
    assertThat(sql.params()).containsExactly("SG", 16, "TH", 20, 18);
  }

  @Test
  void parentalConsentIsIgnoredWhereNotAllowed() {
    BoundSql sql = ConsentPredicate.consented(SqlRuleFixtures.consent(false), TS);
    assertThat(sql.sql())
        .isEqualTo(
            "((`consent_granted` IS TRUE) AND (`consent_withdrawn_at` IS NULL))"
                + " AND ("
                + AGE
                + ")");
    assertThat(sql.sql()).doesNotContain("parental");

    // A column named but the policy not allowing it: still ignored.
    SqlConsent columnButNotAllowed =
        new SqlConsent(
            ref(),
            "g",
            null,
            "b",
            null,
            "p",
            new MinimumAgeRule(18, Map.of(), false),
            Duration.ofHours(1));
    assertThat(ConsentPredicate.consented(columnButNotAllowed, TS).sql()).doesNotContain("`p`");
  }

  @Test
  void withoutJurisdictionColumnTheStrictestAgeApplies() {
    SqlConsent consent =
        new SqlConsent(
            ref(),
            "g",
            null,
            "b",
            null,
            null,
            new MinimumAgeRule(16, Map.of("TH", 20, "SG", 18), false),
            Duration.ofHours(1));
    BoundSql sql = ConsentPredicate.consented(consent, TS);
    assertThat(sql.sql())
        .isEqualTo(
            "(`g` IS TRUE) AND ((`b` <= DATE_SUB(DATE(`created_at`), INTERVAL ? YEAR))"
                + " IS TRUE)");
    assertThat(sql.params()).containsExactly(20);
  }

  @Test
  void withoutMinimumAgeOnlyGrantedAndNotWithdrawn() {
    SqlConsent consent = new SqlConsent(ref(), "g", "w", "b", "j", "p", null, Duration.ofHours(1));
    BoundSql sql = ConsentPredicate.consented(consent, TS);
    assertThat(sql.sql()).isEqualTo("(`g` IS TRUE) AND (`w` IS NULL)");
    assertThat(sql.params()).isEmpty();
    assertThat(ConsentPredicate.columns(consent))
        .extracting(SqlIdentifier::name)
        .containsExactly("g", "w");
  }

  @Test
  void minimumAgeWithoutBirthDateIsRefused() {
    SqlConsent consent =
        new SqlConsent(
            ref(),
            "g",
            null,
            null,
            null,
            null,
            new MinimumAgeRule(18, Map.of(), false),
            Duration.ofHours(1));
    assertThatThrownBy(() -> ConsentPredicate.consented(consent, TS))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("birthDate");
  }

  @Test
  void consentColumnNamesAreValidated() {
    SqlConsent consent =
        new SqlConsent(ref(), "g` OR 1=1 -- ", null, null, null, null, null, Duration.ofHours(1));
    assertThatThrownBy(() -> ConsentPredicate.consented(consent, TS))
        .isInstanceOf(SqlPurgeException.class);
  }

  @Test
  void requiredColumnsIncludeEveryConsentColumn() {
    assertThat(ConsentPredicate.columns(SqlRuleFixtures.consent(true)))
        .extracting(SqlIdentifier::name)
        .containsExactly(
            "consent_granted",
            "consent_withdrawn_at",
            "birth_date",
            "jurisdiction",
            "parental_consent");
  }

  private static ResourceRef ref() {
    return new ResourceRef("ConsentPolicy", "ekyc", "cp");
  }
}
