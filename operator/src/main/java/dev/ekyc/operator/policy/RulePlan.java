package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.LegalBasis;
import java.time.Duration;
import java.util.List;

/**
 * One rule compiled: what it selects, the mechanisms that enforce it (primary first) and the oldest
 * age data can reach while they work. {@code worstCaseAgeWithConsent} is null when the rule has no
 * consent condition; {@code sensitiveWorstCaseAge} (the oldest age sensitive columns of rows
 * without consent reach) is null when the rule names no sensitive columns. {@code promises} holds
 * what the rule promises (deleteWithin); in an enforceable plan every stated promise is at least
 * its worst case.
 */
public record RulePlan(
    String name,
    String dataCategory,
    String purpose,
    LegalBasis legalBasis,
    String target,
    Duration retention,
    List<Mechanism> mechanisms,
    Duration worstCaseAge,
    Duration worstCaseAgeWithConsent,
    Duration sensitiveWorstCaseAge,
    String explanation,
    Promises promises) {

  public RulePlan {
    mechanisms = List.copyOf(mechanisms);
    promises = promises == null ? Promises.NONE : promises;
  }

  /** A rule that promises nothing beyond its worst case. */
  public RulePlan(
      String name,
      String dataCategory,
      String purpose,
      LegalBasis legalBasis,
      String target,
      Duration retention,
      List<Mechanism> mechanisms,
      Duration worstCaseAge,
      Duration worstCaseAgeWithConsent,
      Duration sensitiveWorstCaseAge,
      String explanation) {
    this(
        name,
        dataCategory,
        purpose,
        legalBasis,
        target,
        retention,
        mechanisms,
        worstCaseAge,
        worstCaseAgeWithConsent,
        sensitiveWorstCaseAge,
        explanation,
        Promises.NONE);
  }

  RulePlan withPromises(Promises stated) {
    return new RulePlan(
        name,
        dataCategory,
        purpose,
        legalBasis,
        target,
        retention,
        mechanisms,
        worstCaseAge,
        worstCaseAgeWithConsent,
        sensitiveWorstCaseAge,
        explanation,
        stated);
  }

  /** The rule's promise (deleteWithin) for data without consent; null when the rule states none. */
  public Duration promise() {
    return promises.deleteWithin();
  }

  /**
   * The age past which data without consent counts as overdue: the promise where one is stated,
   * else the worst case. Overdue metrics and the Compliant condition measure against this.
   */
  public Duration overdueAfter() {
    return promise() != null ? promise() : worstCaseAge;
  }
}
