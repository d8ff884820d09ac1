package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.ResidualCheck;
import dev.ekyc.operator.policy.ResidualCopy;
import java.util.List;
import java.util.Map;

/**
 * What the store really holds for a policy's rules, read on the drift interval ({@code
 * PolicyObservation}), and the copies outside it; {@link RetentionPolicyStatusAssembler} renders
 * it. Observed ages and residual verdicts per rule name; {@code unreadable} per rule (or "*" for
 * the whole store) says why nothing could be read this time.
 */
public sealed interface ObservationFinding {

  /**
   * Nothing observed: the policy is not Ready, or its store type has no reader (object storage).
   */
  record None() implements ObservationFinding {}

  record Observed(
      Map<String, List<ObservedAge>> oldest,
      List<ResidualCopy> residuals,
      Map<String, List<ResidualCheck.Verdict>> verdicts,
      Map<String, String> unreadable)
      implements ObservationFinding {}
}
