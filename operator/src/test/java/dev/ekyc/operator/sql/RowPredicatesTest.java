package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.TablePurge;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RowPredicatesTest {
  private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 29, 8, 30, 15, 123_456_000);
  private static final String CONSENTED_SHAPE = "`consent_granted` IS TRUE";

  @Test
  void purgeIsOldNotHeldAndNotConsentedOrPastConsentRetention() {
    var purge = SqlRuleFixtures.purge("order", SqlRuleFixtures.consent(true), 100, 1000);
    RowPredicates predicates = predicates(purge, null, TimestampType.DATETIME);
    BoundSql sql = predicates.purge();
    assertThat(sql.sql())
        .startsWith("((`created_at` IS NOT NULL AND `created_at` < ?) AND ((NOT (")
        .contains(CONSENTED_SHAPE)
        .endsWith(
            ") OR (`created_at` IS NOT NULL AND `created_at` < ?))) AND (`legal_hold` IS NOT TRUE)");
    assertThat(sql.params())
        .containsExactly(
            "2026-10-30 08:30:15.123456", "SG", 16, "TH", 20, 18, "2024-11-29 08:30:15.123456");
  }

  @Test
  void purgeWithoutConsentIsAgeAndHoldOnly() {
    var purge = SqlRuleFixtures.purge("t", null, 100, 1000);
    BoundSql sql = predicates(purge, null, TimestampType.TIMESTAMP).purge();
    assertThat(sql.sql())
        .isEqualTo(
            "(`created_at` IS NOT NULL AND `created_at` < ?) AND (`legal_hold` IS NOT TRUE)");
    assertThat(sql.params()).containsExactly("2026-10-30 08:30:15.123456");
  }

  @Test
  void eraseIsOldNotConsentedNotHeldAndNotAlreadyErased() {
    var consent = SqlRuleFixtures.consent(false);
    var purge = SqlRuleFixtures.purge("t", null, 100, 1000);
    var erasure = SqlRuleFixtures.erasure("t", consent, 100);
    BoundSql sql = predicates(purge, erasure, TimestampType.DATETIME).erase();
    assertThat(sql.sql())
        .startsWith("(((`created_at` IS NOT NULL AND `created_at` < ?) AND (NOT (")
        .contains(CONSENTED_SHAPE)
        .endsWith(
            "))) AND (NOT (`id_number` IS NULL AND `face_vector` IS NULL))) AND (`legal_hold` IS NOT TRUE)");
    assertThat(sql.params()).containsExactly("2026-11-29 06:30:15.123456", "SG", 16, "TH", 20, 18);
  }

  @Test
  void heldSkippedCountsHeldRowsThatAreDueEitherWay() {
    var purge = SqlRuleFixtures.purge("t", null, 100, 1000);
    var erasure = SqlRuleFixtures.erasure("t", SqlRuleFixtures.consent(false), 100);
    BoundSql sql = predicates(purge, erasure, TimestampType.DATETIME).heldSkipped();
    assertThat(sql.sql()).startsWith("(`legal_hold` IS TRUE) AND ((").doesNotContain("IS NOT TRUE");
  }

  @Test
  void withoutHoldColumnNothingIsHeld() {
    var purge =
        new TablePurge(
            "t",
            "created_at",
            "id",
            SqlRuleFixtures.RETENTION,
            null,
            null,
            null,
            "*/15 * * * *",
            10,
            10,
            Mechanism.Role.PRIMARY);
    RowPredicates predicates = predicates(purge, null, TimestampType.DATETIME);
    assertThat(predicates.heldSkipped()).isNull();
    assertThat(predicates.purge().sql()).isEqualTo("`created_at` IS NOT NULL AND `created_at` < ?");
  }

  @Test
  void dateColumnsCompareWithTheCutoffsDaySoARowCountsAsCreatedAtTheEndOfItsDay() {
    var purge = SqlRuleFixtures.purge("t", null, 100, 1000);
    BoundSql sql = predicates(purge, null, TimestampType.DATE).purge();
    // Rows of 2026-10-30 itself may be younger than 30 days: only earlier days are due.
    assertThat(sql.params()).containsExactly("2026-10-30");
  }

  @Test
  void nullTimestampsAreCountedSeparately() {
    var purge = SqlRuleFixtures.purge("t", null, 100, 1000);
    assertThat(predicates(purge, null, TimestampType.DATETIME).nullTimestamp().sql())
        .isEqualTo("`created_at` IS NULL");
  }

  @Test
  void aReservedWordTableIsQuoted() {
    var target = TableTarget.of("ekyc", SqlRuleFixtures.purge("order", null, 1, 1), null);
    assertThat(target.qualifiedTable()).isEqualTo("`ekyc`.`order`");
  }

  @Test
  void onlyDateAndTimeTypesCanBeTimestamps() {
    assertThat(TimestampType.fromDataType("DATETIME")).isEqualTo(TimestampType.DATETIME);
    assertThat(TimestampType.fromDataType("timestamp")).isEqualTo(TimestampType.TIMESTAMP);
    assertThat(TimestampType.fromDataType("date")).isEqualTo(TimestampType.DATE);
    assertThat(TimestampType.fromDataType("varchar")).isNull();
    assertThat(TimestampType.fromDataType("bigint")).isNull();
    assertThat(TimestampType.fromDataType(null)).isNull();
  }

  @Test
  void consentWithoutConsentedRetentionIsRefused() {
    var purge =
        new TablePurge(
            "t",
            "created_at",
            "id",
            SqlRuleFixtures.RETENTION,
            SqlRuleFixtures.consent(true),
            null,
            null,
            "*/15 * * * *",
            10,
            10,
            Mechanism.Role.PRIMARY);
    assertThatThrownBy(() -> Cutoffs.from(NOW, purge, null))
        .isInstanceOf(SqlPurgeException.class)
        .hasMessageContaining("withConsent.retention");
  }

  private static RowPredicates predicates(
      TablePurge purge, ColumnErasure erasure, TimestampType type) {
    TableTarget target = TableTarget.of("ekyc", purge, erasure);
    return new RowPredicates(target, type, Cutoffs.from(NOW, purge, erasure), purge, erasure);
  }
}
