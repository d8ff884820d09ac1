package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.ObjectSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Object storage rules. S3 lifecycle rules count whole days from midnight UTC and run late by an
 * unbounded delay, and cannot skip a tag (consent, legal hold), so a sweeper job is always the
 * primary mechanism: it bounds the age to the retention plus the longest gap between runs. A
 * day-granular lifecycle rule set to the longest retention any object under the prefix may have is
 * the backstop if the sweeper stops: it can only delete late, never early.
 */
final class ObjectRuleCompiler {
  /** S3 lifecycle rule IDs are at most 255 characters; ours start with this ownership marker. */
  private ObjectRuleCompiler() {}

  static RulePlan compile(RuleContext ctx) {
    ObjectSelector sel = ctx.rule().objects;
    Duration retention = ctx.duration("retention", ctx.rule().retention);
    if (retention == null) {
      return null;
    }
    Map<String, String> tags = sel.tags == null ? Map.of() : sel.tags;
    ObjectConsent consent = null;
    if (ctx.rule().withConsent != null) {
      Duration consented = ctx.duration("withConsent.retention", ctx.rule().withConsent.retention);
      ConsentPolicy cp =
          ctx.consent()
              .resolve(
                  ctx, "withConsent.consentPolicyRef", ctx.rule().withConsent.consentPolicyRef);
      if (cp == null || consented == null) {
        return null;
      }
      consent = ctx.consent().forObjects(ctx, "withConsent.consentPolicyRef", cp, consented);
      if (consent == null) {
        return null;
      }
      ctx.consent().checkWithdrawalDeadline(ctx, cp, consent.erasureAfterWithdrawal());
    }
    String holdTag = ctx.legalHold() == null ? null : ctx.legalHold().objectTagKey;
    Duration gap = ctx.longestGap();

    List<Mechanism> mechanisms = new ArrayList<>();
    mechanisms.add(
        new ObjectSweep(
            sel.prefix,
            tags,
            retention,
            consent,
            holdTag,
            ctx.schedule(),
            ctx.maxDeletionsPerRun(),
            Mechanism.Role.PRIMARY));
    Duration longestKept = consent == null ? retention : consent.retention();
    int backstopDays = (int) Math.max(1, ceilDays(longestKept));
    if (holdTag == null) {
      String ruleId = ruleId(ctx);
      if (ruleId == null) {
        return null;
      }
      mechanisms.add(
          new LifecycleExpiration(ruleId, sel.prefix, tags, backstopDays, Mechanism.Role.BACKSTOP));
    }

    Duration worst = retention.plus(gap);
    Duration worstWithConsent = consent == null ? null : consent.retention().plus(gap);
    String target =
        "s3://"
            + ctx.store().getSpec().objectStorage.bucket
            + "/"
            + sel.prefix
            + (tags.isEmpty() ? "" : " tagged " + tags);
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
        null,
        explain(ctx, sel, retention, consent, holdTag, backstopDays, gap));
  }

  private static String explain(
      RuleContext ctx,
      ObjectSelector sel,
      Duration retention,
      ObjectConsent consent,
      String holdTag,
      int backstopDays,
      Duration gap) {
    StringBuilder text = new StringBuilder();
    text.append("Objects under ")
        .append(sel.prefix)
        .append(" are deleted by the sweeper within ")
        .append(DurationText.format(retention.plus(gap)))
        .append(" of upload (")
        .append(DurationText.format(retention))
        .append(" retention + up to ")
        .append(DurationText.format(gap))
        .append(" between runs).");
    if (consent != null) {
      text.append(" Objects with consent (")
          .append(consent.describe())
          .append(", ConsentPolicy ")
          .append(consent.consentPolicy().name())
          .append(") are kept ")
          .append(DurationText.format(consent.retention()))
          .append(" and gone within ")
          .append(DurationText.format(consent.retention().plus(gap)))
          .append("; once consent is withdrawn they go at the next run, within ")
          .append(DurationText.format(gap))
          .append(
              ". Minimum age and parental consent cannot be seen on objects: set the consent marker only for"
                  + " end users who meet them.");
    }
    if (holdTag == null) {
      text.append(" Backstop: an S3 lifecycle rule expires them after ")
          .append(backstopDays)
          .append(backstopDays == 1 ? " day" : " days")
          .append(
              " (S3 rounds up to midnight UTC and deletes asynchronously) if the sweeper stops.");
    } else {
      text.append(" No lifecycle backstop: S3 lifecycle rules cannot skip objects tagged ")
          .append(holdTag)
          .append(" (legal hold), so only the sweeper deletes.");
    }
    return text.toString();
  }

  /** Whole days, rounded up, so the backstop never fires before the retention. */
  static long ceilDays(Duration d) {
    long days = d.toDays();
    return d.equals(Duration.ofDays(days)) ? days : days + 1;
  }

  /**
   * The backstop's rule ID (see {@link OwnedNames}); null, with an error reported, when it cannot
   * fit.
   */
  static String ruleId(RuleContext ctx) {
    String store = ctx.store().getMetadata().getName();
    return OwnedNames.orReport(
        ctx,
        OwnedNames.objectRuleId(ctx.namespace(), store, ctx.policy().name(), ctx.rule().name),
        "S3 lifecycle rule ID",
        OwnedNames.objectRulePrefix(ctx.namespace(), store),
        OwnedNames.S3_RULE_ID_MAX);
  }
}
