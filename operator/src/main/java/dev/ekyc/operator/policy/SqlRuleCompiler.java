package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.TableSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Table rules run as a CronJob: first sensitive columns are erased (set to NULL) in rows that have
 * no valid consent, then old rows are deleted in bounded batches that walk the key. Every guarantee
 * is the duration plus the longest gap between runs.
 */
final class SqlRuleCompiler {
  static final int DEFAULT_BATCH_SIZE = 1000;

  private SqlRuleCompiler() {}

  static RulePlan compile(RuleContext ctx) {
    TableSelector table = ctx.rule().table;
    Duration retention = ctx.duration("retention", ctx.rule().retention);
    if (retention == null) {
      return null;
    }
    String hold = ctx.legalHold() == null ? null : ctx.legalHold().sqlColumn;
    Duration gap = ctx.longestGap();
    List<Mechanism> mechanisms = new ArrayList<>();
    StringBuilder explanation = new StringBuilder();

    Duration sensitiveWorst = null;
    if (ctx.rule().sensitive != null) {
      var sensitive = ctx.rule().sensitive;
      Duration eraseAfter =
          ctx.duration(
              "sensitive.withoutConsent.eraseAfter",
              sensitive.withoutConsent == null ? null : sensitive.withoutConsent.eraseAfter);
      ConsentPolicy cp =
          ctx.consent().resolve(ctx, "sensitive.consentPolicyRef", sensitive.consentPolicyRef);
      SqlConsent consent =
          cp == null ? null : ctx.consent().forTable(ctx, "sensitive.consentPolicyRef", cp);
      if (eraseAfter == null || consent == null) {
        return null;
      }
      ctx.consent().checkWithdrawalDeadline(ctx, cp, consent.erasureAfterWithdrawal());
      mechanisms.add(
          new ColumnErasure(
              table.name,
              table.timestampColumn,
              table.key,
              sensitive.columns,
              eraseAfter,
              consent,
              hold,
              ctx.schedule(),
              DEFAULT_BATCH_SIZE,
              Mechanism.Role.PRIMARY));
      sensitiveWorst = eraseAfter.plus(gap);
      explanation
          .append("Columns ")
          .append(String.join(", ", sensitive.columns))
          .append(" are set to NULL within ")
          .append(DurationText.format(sensitiveWorst))
          .append(" (")
          .append(DurationText.format(eraseAfter))
          .append(" + up to ")
          .append(DurationText.format(gap))
          .append(" between runs) unless ")
          .append(consentClause(consent))
          .append(". ");
    }

    SqlConsent rowConsent = null;
    Duration consentedRetention = null;
    if (ctx.rule().withConsent != null) {
      consentedRetention = ctx.duration("withConsent.retention", ctx.rule().withConsent.retention);
      ConsentPolicy cp =
          ctx.consent()
              .resolve(
                  ctx, "withConsent.consentPolicyRef", ctx.rule().withConsent.consentPolicyRef);
      rowConsent =
          cp == null ? null : ctx.consent().forTable(ctx, "withConsent.consentPolicyRef", cp);
      if (rowConsent == null || consentedRetention == null) {
        return null;
      }
      ctx.consent().checkWithdrawalDeadline(ctx, cp, rowConsent.erasureAfterWithdrawal());
    }
    mechanisms.add(
        new TablePurge(
            table.name,
            table.timestampColumn,
            table.key,
            retention,
            rowConsent,
            consentedRetention,
            hold,
            ctx.schedule(),
            DEFAULT_BATCH_SIZE,
            ctx.maxDeletionsPerRun(),
            Mechanism.Role.PRIMARY));
    Duration worst = retention.plus(gap);
    Duration worstWithConsent = consentedRetention == null ? null : consentedRetention.plus(gap);
    explanation
        .append("Rows of ")
        .append(table.name)
        .append(" are deleted within ")
        .append(DurationText.format(worst))
        .append(" of ")
        .append(table.timestampColumn)
        .append(" (")
        .append(DurationText.format(retention))
        .append(" retention + up to ")
        .append(DurationText.format(gap))
        .append(" between runs of '")
        .append(ctx.schedule())
        .append("'), ")
        .append(DEFAULT_BATCH_SIZE)
        .append(" rows per batch, at most ")
        .append(ctx.maxDeletionsPerRun())
        .append(" per run.");
    if (rowConsent != null) {
      explanation
          .append(" Rows with ")
          .append(consentClause(rowConsent))
          .append(" are kept ")
          .append(DurationText.format(consentedRetention))
          .append(".");
    }
    if (hold != null) {
      explanation
          .append(" Rows where ")
          .append(hold)
          .append(" is true (legal hold) are never touched.");
    }
    String target = "table " + ctx.store().getSpec().sql.database + "." + table.name;
    return new RulePlan(
        ctx.rule().name,
        ctx.rule().dataCategory,
        ctx.rule().purpose,
        ctx.rule().legalBasis,
        target,
        retention,
        mechanisms,
        worst,
        worstWithConsent,
        sensitiveWorst,
        explanation.toString().trim());
  }

  private static String consentClause(SqlConsent c) {
    StringBuilder s = new StringBuilder(c.grantedColumn()).append(" is true");
    if (c.withdrawnAtColumn() != null) {
      s.append(" and ").append(c.withdrawnAtColumn()).append(" is NULL");
    }
    if (c.minimumAge() != null) {
      s.append(" and the end user was at least the minimum age (")
          .append(c.minimumAge().defaultAge())
          .append(
              c.minimumAge().byJurisdiction().isEmpty()
                  ? ""
                  : ", by jurisdiction " + c.minimumAge().byJurisdiction())
          .append(")");
      if (c.parentalConsentColumn() != null) {
        s.append(" or ").append(c.parentalConsentColumn()).append(" is true");
      }
    }
    return s.toString();
  }
}
