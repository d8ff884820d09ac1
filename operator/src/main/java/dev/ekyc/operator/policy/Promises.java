package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * What a rule promises, next to the worst cases in {@link RulePlan}: {@code deleteWithin} for data
 * without consent, for data kept with consent, and for sensitive columns; and, where the rule keeps
 * data on consent, the ConsentPolicy's erasure deadline after withdrawal with the longest time the
 * jobs take to honour it. Each is null where nothing is stated (or the rule keeps nothing on
 * consent).
 */
public record Promises(
    Duration deleteWithin,
    Duration deleteWithinWithConsent,
    Duration sensitiveDeleteWithin,
    Duration erasureAfterWithdrawal,
    Duration withdrawalWorstCaseAge) {

  public static final Promises NONE = new Promises(null, null, null, null, null);
}
