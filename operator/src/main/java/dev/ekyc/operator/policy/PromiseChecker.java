package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds each promise a rule states ({@code deleteWithin}) against the worst case its mechanisms
 * guarantee. A promise they cannot keep refuses the policy, with the fixes in the user's terms: a
 * shorter duration, a longer promise, or a schedule (or, for search, a write window) that deletes
 * soon enough. Rules without promises pass unchanged.
 */
final class PromiseChecker {
  private PromiseChecker() {}

  static RulePlan check(RuleContext ctx, RulePlan plan) {
    RetentionRule rule = ctx.rule();
    boolean jobs = rule.indices == null && rule.dataStream == null;
    Duration promise = promise(ctx, "deleteWithin", rule.deleteWithin);
    if (promise != null && plan.worstCaseAge() != null) {
      if (jobs) {
        Duration floor =
            rule.sensitive == null || rule.sensitive.withoutConsent == null
                ? null
                : parsed(rule.sensitive.withoutConsent.eraseAfter);
        checkJob(
            ctx,
            "deleteWithin",
            promise,
            plan.worstCaseAge(),
            "retention",
            plan.retention(),
            floor);
      } else {
        checkSearch(ctx, plan, promise);
      }
    }

    Duration consentPromise =
        rule.withConsent == null
            ? null
            : promise(ctx, "withConsent.deleteWithin", rule.withConsent.deleteWithin);
    if (consentPromise != null && plan.worstCaseAgeWithConsent() != null) {
      checkJob(
          ctx,
          "withConsent.deleteWithin",
          consentPromise,
          plan.worstCaseAgeWithConsent(),
          "withConsent.retention",
          parsed(rule.withConsent.retention),
          plan.retention());
    }

    Duration sensitivePromise =
        rule.sensitive == null || rule.sensitive.withoutConsent == null
            ? null
            : promise(
                ctx,
                "sensitive.withoutConsent.deleteWithin",
                rule.sensitive.withoutConsent.deleteWithin);
    if (sensitivePromise != null && plan.sensitiveWorstCaseAge() != null) {
      checkJob(
          ctx,
          "sensitive.withoutConsent.deleteWithin",
          sensitivePromise,
          plan.sensitiveWorstCaseAge(),
          "sensitive.withoutConsent.eraseAfter",
          parsed(rule.sensitive.withoutConsent.eraseAfter),
          null);
    }

    Duration withdrawal = jobs ? withdrawalDeadline(ctx) : null;
    return plan.withPromises(
        new Promises(
            promise,
            consentPromise,
            sensitivePromise,
            withdrawal,
            withdrawal == null ? null : ctx.longestGap()));
  }

  /**
   * Jobs: worst case = duration + longest gap between runs. Fixes: the duration at most promise -
   * gap (only where it stays above {@code durationFloor}, e.g. eraseAfter under a retention), the
   * promise at least the worst case, or a schedule whose gap fits between duration and promise.
   */
  private static void checkJob(
      RuleContext ctx,
      String promiseField,
      Duration promise,
      Duration worst,
      String durationField,
      Duration duration,
      Duration durationFloor) {
    if (worst.compareTo(promise) <= 0 || duration == null) {
      return;
    }
    Duration gap = ctx.longestGap();
    List<String> fixes = new ArrayList<>();
    Duration shorter = DurationText.largestAtMost(promise.minus(gap));
    if (shorter != null && (durationFloor == null || shorter.compareTo(durationFloor) > 0)) {
      fixes.add(durationField + " at most " + DurationText.forFix(shorter));
    }
    fixes.add(
        promiseField + " at least " + DurationText.forFix(DurationText.smallestAtLeast(worst)));
    // No schedule fits when the promise leaves no time after the duration (no suggestion has a gap
    // of zero or less).
    String schedule = ScheduleSuggestion.withGapAtMost(promise.minus(duration));
    if (schedule != null) {
      fixes.add("schedule '" + schedule + "'");
    }
    ctx.error(
        promiseField,
        "worst case "
            + DurationText.format(worst)
            + " breaks the promise "
            + DurationText.format(promise)
            + " ("
            + DurationText.format(duration)
            + " "
            + lastWord(durationField)
            + " + up to "
            + DurationText.format(gap)
            + " between runs of '"
            + ctx.schedule()
            + "')",
        "runs every " + DurationText.format(gap) + ": " + either(fixes));
  }

  /**
   * Search: worst case = retention + write window + the engine's polling (for the sweep job: the
   * longest gap between its runs). Fixes: retention at most promise - window - polling, a shorter
   * write window (roll over more often), the promise at least the worst case, or (sweep job) a
   * schedule whose gap fits.
   */
  private static void checkSearch(RuleContext ctx, RulePlan plan, Duration promise) {
    Duration worst = plan.worstCaseAge();
    if (worst.compareTo(promise) <= 0) {
      return;
    }
    Duration window = writeWindow(plan.mechanisms().get(0));
    Duration polling = worst.minus(plan.retention()).minus(window);
    String windowField =
        ctx.rule().indices != null ? "indices.writeWindow" : "dataStream.writeWindow";
    List<String> fixes = new ArrayList<>();
    Duration shorterRetention = DurationText.largestAtMost(promise.minus(window).minus(polling));
    if (shorterRetention != null) {
      fixes.add("retention at most " + DurationText.forFix(shorterRetention));
    }
    Duration shorterWindow =
        DurationText.largestAtMost(promise.minus(plan.retention()).minus(polling));
    if (shorterWindow != null) {
      fixes.add(
          windowField
              + " at most "
              + DurationText.forFix(shorterWindow)
              + " (roll over that often)");
    }
    fixes.add("deleteWithin at least " + DurationText.forFix(DurationText.smallestAtLeast(worst)));
    boolean swept = plan.mechanisms().stream().anyMatch(m -> m instanceof IndexSweep);
    if (swept) {
      Duration deleteAfter = plan.retention().plus(window);
      // No schedule fits when the promise leaves no gap (zero or negative): withGapAtMost answers
      // null.
      String schedule = ScheduleSuggestion.withGapAtMost(promise.minus(deleteAfter));
      if (schedule != null) {
        fixes.add("schedule '" + schedule + "'");
      }
    }
    String wait = swept ? " between runs of '" + ctx.schedule() + "'" : " polling";
    ctx.error(
        "deleteWithin",
        "worst case "
            + DurationText.format(worst)
            + " breaks the promise "
            + DurationText.format(promise)
            + " ("
            + DurationText.format(plan.retention())
            + " retention + "
            + DurationText.format(window)
            + " write window + "
            + DurationText.format(polling)
            + wait
            + ")",
        "indices are deleted whole: " + either(fixes));
  }

  /**
   * A search rule has one mechanism: an index lifecycle (ILM/ISM), an index sweep or a data stream
   * lifecycle.
   */
  private static Duration writeWindow(Mechanism mechanism) {
    if (mechanism instanceof IndexSweep sweep) return sweep.writeWindow();
    return mechanism instanceof DataStreamRetention dsl
        ? dsl.writeWindow()
        : ((IndexLifecycle) mechanism).writeWindow();
  }

  /**
   * The shortest erasure deadline after withdrawal among the consent policies the rule keeps data
   * on.
   */
  private static Duration withdrawalDeadline(RuleContext ctx) {
    RetentionRule rule = ctx.rule();
    Duration deadline = null;
    if (rule.withConsent != null && rule.withConsent.consentPolicyRef != null) {
      deadline =
          ctx.consent().withdrawalDeadline(ctx.namespace(), rule.withConsent.consentPolicyRef.name);
    }
    if (rule.sensitive != null && rule.sensitive.consentPolicyRef != null) {
      deadline =
          DurationText.shorter(
              deadline,
              ctx.consent()
                  .withdrawalDeadline(ctx.namespace(), rule.sensitive.consentPolicyRef.name));
    }
    return deadline;
  }

  private static Duration promise(RuleContext ctx, String field, String text) {
    return text == null ? null : ctx.duration(field, text);
  }

  private static Duration parsed(String text) {
    return DurationText.isValid(text) ? DurationText.parse(text) : null;
  }

  private static String lastWord(String field) {
    return field.substring(field.lastIndexOf('.') + 1);
  }

  private static String either(List<String> fixes) {
    return "set " + String.join(", or ", fixes);
  }
}
