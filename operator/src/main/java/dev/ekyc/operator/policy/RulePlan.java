package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.LegalBasis;
import java.time.Duration;
import java.util.List;

/**
 * One rule compiled: what it selects, the mechanisms that enforce it (primary first) and the oldest age data
 * can reach while they work. {@code worstCaseAgeWithConsent} is null when the rule has no consent condition;
 * {@code sensitiveWorstCaseAge} (the oldest age sensitive columns of rows without consent reach) is null when the
 * rule names no sensitive columns.
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
    String explanation) {

  public RulePlan {
    mechanisms = List.copyOf(mechanisms);
  }
}
