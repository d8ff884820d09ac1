package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.MinimumAgeRule;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.SqlConsent;
import dev.ekyc.operator.policy.TablePurge;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Mechanisms as the policy core compiles them, for the engine's tests. Column names match the IT's
 * table.
 */
public final class SqlRuleFixtures {
  public static final Duration ERASE_AFTER = Duration.ofHours(2);
  public static final Duration RETENTION = Duration.ofDays(30);
  public static final Duration CONSENTED_RETENTION = Duration.ofDays(730);

  private SqlRuleFixtures() {}

  /** Default age 18, TH 20, SG 16; parental consent allowed or not. */
  public static SqlConsent consent(boolean parentalAllowed) {
    return new SqlConsent(
        new ResourceRef("ConsentPolicy", "ekyc", "model-training"),
        "consent_granted",
        "consent_withdrawn_at",
        "birth_date",
        "jurisdiction",
        parentalAllowed ? "parental_consent" : null,
        new MinimumAgeRule(18, Map.of("TH", 20, "SG", 16), parentalAllowed),
        Duration.ofHours(72));
  }

  public static TablePurge purge(String table, SqlConsent consent, int batchSize, long cap) {
    return new TablePurge(
        table,
        "created_at",
        "id",
        RETENTION,
        consent,
        consent == null ? null : CONSENTED_RETENTION,
        "legal_hold",
        "*/15 * * * *",
        batchSize,
        cap,
        Mechanism.Role.PRIMARY);
  }

  public static ColumnErasure erasure(String table, SqlConsent consent, int batchSize) {
    return new ColumnErasure(
        table,
        "created_at",
        "id",
        List.of("id_number", "face_vector"),
        ERASE_AFTER,
        consent,
        "legal_hold",
        "*/15 * * * *",
        batchSize,
        Mechanism.Role.PRIMARY);
  }
}
