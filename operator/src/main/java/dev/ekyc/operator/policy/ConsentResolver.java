package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicySpec;
import dev.ekyc.operator.api.v1alpha1.LocalObjectReference;
import dev.ekyc.operator.api.v1alpha1.SqlConsentColumns;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * Resolves a rule's consent policy reference and checks that the consent policy can be enforced on
 * the rule's store: it exists, covers the rule's data category, and says how consent is recorded in
 * that kind of store.
 */
final class ConsentResolver {
  private final ResourceIndex index;

  ConsentResolver(ResourceIndex index) {
    this.index = index;
  }

  /** The consent policy behind a reference, or null after reporting why it cannot be used. */
  ConsentPolicy resolve(RuleContext ctx, String refField, LocalObjectReference ref) {
    if (ref == null || ref.name == null) {
      ctx.error(
          refField,
          "no consent policy named",
          "set " + refField + ".name to a ConsentPolicy in this namespace");
      return null;
    }
    ConsentPolicy cp = index.consentPolicy(ctx.namespace(), ref.name).orElse(null);
    if (cp == null || cp.getSpec() == null) {
      ctx.error(
          refField + ".name",
          "ConsentPolicy " + ctx.namespace() + "/" + ref.name + " does not exist",
          "create it, or reference an existing ConsentPolicy in namespace " + ctx.namespace());
      return null;
    }
    ConsentPolicySpec spec = cp.getSpec();
    String category = ctx.rule().dataCategory;
    if (spec.appliesTo == null
        || spec.appliesTo.dataCategories == null
        || !spec.appliesTo.dataCategories.contains(category)) {
      ctx.error(
          refField + ".name",
          "ConsentPolicy " + ref.name + " does not cover data category '" + category + "'",
          "add '"
              + category
              + "' to spec.appliesTo.dataCategories of ConsentPolicy "
              + ref.name
              + ", or reference a consent policy that covers it");
      return null;
    }
    return cp;
  }

  Duration withdrawalDeadline(String namespace, String name) {
    return index
        .consentPolicy(namespace, name)
        .filter(
            cp -> cp.getSpec() != null && DurationText.isValid(cp.getSpec().erasureAfterWithdrawal))
        .map(cp -> DurationText.parse(cp.getSpec().erasureAfterWithdrawal))
        .orElse(null);
  }

  /**
   * How objects record consent for this policy; null after reporting when the consent policy says
   * nothing.
   */
  ObjectConsent forObjects(RuleContext ctx, String refField, ConsentPolicy cp, Duration retention) {
    var recorded = cp.getSpec().recordedAs;
    if (recorded == null || (recorded.objectTag == null && recorded.objectPrefix == null)) {
      ctx.error(
          refField + ".name",
          "ConsentPolicy " + name(cp) + " does not say how consent is recorded on objects",
          "set spec.recordedAs.objectTag (or objectPrefix) in ConsentPolicy " + name(cp));
      onConsentPolicy(
          ctx,
          cp,
          "spec.recordedAs",
          "RetentionPolicy "
              + ctx.policy().name()
              + " uses this consent policy for objects, but it records no objectTag or objectPrefix",
          "set spec.recordedAs.objectTag or objectPrefix");
      return null;
    }
    return new ObjectConsent(
        ResourceRef.of(cp),
        recorded.objectTag == null ? null : recorded.objectTag.key,
        recorded.objectTag == null ? null : recorded.objectTag.value,
        recorded.objectPrefix,
        retention,
        withdrawal(cp));
  }

  /**
   * How rows record consent. A minimum age without a birth-date column cannot be checked, so it is
   * an error; without a jurisdiction column the highest minimum age applies to every row, which can
   * only keep less.
   */
  SqlConsent forTable(RuleContext ctx, String refField, ConsentPolicy cp) {
    var recorded = cp.getSpec().recordedAs;
    SqlConsentColumns cols = recorded == null ? null : recorded.sqlColumns;
    if (cols == null || cols.granted == null) {
      ctx.error(
          refField + ".name",
          "ConsentPolicy " + name(cp) + " does not say which column records consent",
          "set spec.recordedAs.sqlColumns.granted in ConsentPolicy " + name(cp));
      onConsentPolicy(
          ctx,
          cp,
          "spec.recordedAs.sqlColumns",
          "RetentionPolicy "
              + ctx.policy().name()
              + " uses this consent policy for table rows, but it names no consent column",
          "set spec.recordedAs.sqlColumns.granted");
      return null;
    }
    MinimumAgeRule age = null;
    var minimumAge = cp.getSpec().minimumAge;
    if (minimumAge != null && minimumAge.defaultAge != null) {
      if (cols.birthDate == null) {
        ctx.error(
            refField + ".name",
            "ConsentPolicy "
                + name(cp)
                + " sets a minimum age but records no birth date,"
                + " so the age rule cannot be enforced on table rows",
            "set spec.recordedAs.sqlColumns.birthDate in ConsentPolicy " + name(cp));
        onConsentPolicy(
            ctx,
            cp,
            "spec.recordedAs.sqlColumns.birthDate",
            "a minimum age is set but no birth-date"
                + " column is recorded, so RetentionPolicy "
                + ctx.policy().name()
                + " cannot enforce it on table rows",
            "set spec.recordedAs.sqlColumns.birthDate");
        return null;
      }
      Map<String, Integer> byJurisdiction =
          minimumAge.byJurisdiction == null ? Map.of() : minimumAge.byJurisdiction;
      boolean parental = Boolean.TRUE.equals(cp.getSpec().parentalConsentBelowMinimumAge);
      if (parental && cols.parentalConsent == null) {
        ctx.warning(
            refField + ".name",
            "ConsentPolicy "
                + name(cp)
                + " allows parental consent but records no"
                + " parentalConsent column: end users below the minimum age are treated as not consenting",
            "set spec.recordedAs.sqlColumns.parentalConsent to honour parental consent");
        parental = false;
      }
      if (cols.jurisdiction == null && !byJurisdiction.isEmpty()) {
        int strictest = Math.max(minimumAge.defaultAge, Collections.max(byJurisdiction.values()));
        ctx.warning(
            refField + ".name",
            "ConsentPolicy "
                + name(cp)
                + " has per-jurisdiction ages but records no"
                + " jurisdiction column: the highest minimum age ("
                + strictest
                + ") applies to every row",
            "set spec.recordedAs.sqlColumns.jurisdiction");
        age = new MinimumAgeRule(strictest, Map.of(), parental);
      } else {
        age = new MinimumAgeRule(minimumAge.defaultAge, byJurisdiction, parental);
      }
    }
    return new SqlConsent(
        ResourceRef.of(cp),
        cols.granted,
        cols.withdrawnAt,
        cols.birthDate,
        cols.jurisdiction,
        age != null && age.parentalConsentAllowed() ? cols.parentalConsent : null,
        age,
        withdrawal(cp));
  }

  /**
   * The consent policy itself is incomplete for a policy that uses it: say so on the consent policy
   * too.
   */
  private static void onConsentPolicy(
      RuleContext ctx, ConsentPolicy cp, String field, String message, String fix) {
    ctx.problems().add(Problem.error(ResourceRef.of(cp), field, message, fix));
  }

  /**
   * Withdrawn consent is erased at the next run, so runs must be at least as frequent as the
   * deadline.
   */
  void checkWithdrawalDeadline(RuleContext ctx, ConsentPolicy cp, Duration deadline) {
    if (deadline != null && ctx.longestGap() != null && ctx.longestGap().compareTo(deadline) > 0) {
      ctx.problems()
          .add(
              Problem.error(
                  ctx.policy(),
                  "spec.schedule",
                  "the jobs run up to "
                      + DurationText.format(ctx.longestGap())
                      + " apart (schedule '"
                      + ctx.schedule()
                      + "'), longer than the "
                      + DurationText.format(deadline)
                      + " erasure deadline after consent withdrawal"
                      + " of ConsentPolicy "
                      + name(cp),
                  withdrawalFix(ctx, cp, deadline)));
    }
  }

  /**
   * The deadline is a promise like deleteWithin: run often enough, or promise no less than the gap.
   */
  private static String withdrawalFix(RuleContext ctx, ConsentPolicy cp, Duration deadline) {
    String schedule = ScheduleSuggestion.withGapAtMost(deadline);
    return "runs every "
        + DurationText.format(ctx.longestGap())
        + ": set "
        + (schedule == null ? "" : "schedule '" + schedule + "', or ")
        + "spec.erasureAfterWithdrawal of ConsentPolicy "
        + name(cp)
        + " at least "
        + DurationText.forFix(DurationText.smallestAtLeast(ctx.longestGap()));
  }

  private static Duration withdrawal(ConsentPolicy cp) {
    String text = cp.getSpec().erasureAfterWithdrawal;
    return DurationText.isValid(text) ? DurationText.parse(text) : null;
  }

  private static String name(ConsentPolicy cp) {
    return cp.getMetadata().getName();
  }
}
