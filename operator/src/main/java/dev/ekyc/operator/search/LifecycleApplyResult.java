package dev.ekyc.operator.search;

import java.util.List;
import java.util.Map;

/**
 * What one apply of an index lifecycle did, or in a dry run would do: the policy and template, the
 * existing indices it attached the policy to, those it detached because of a legal hold, those
 * moved to the updated version of the policy (ISM only: ILM indices follow updates by themselves)
 * and those left alone because another policy governs them.
 */
public record LifecycleApplyResult(
    String policyId,
    boolean dryRun,
    Change policy,
    Change template,
    List<String> attached,
    List<String> detachedForLegalHold,
    List<String> movedToUpdatedPolicy,
    Map<String, String> leftWithOtherPolicy) {

  public LifecycleApplyResult {
    attached = List.copyOf(attached);
    detachedForLegalHold = List.copyOf(detachedForLegalHold);
    movedToUpdatedPolicy = List.copyOf(movedToUpdatedPolicy);
    leftWithOtherPolicy = Map.copyOf(leftWithOtherPolicy);
  }

  /** True when the cluster was (or would be) written to. */
  public boolean changesAnything() {
    return policy.writes()
        || template.writes()
        || !attached.isEmpty()
        || !detachedForLegalHold.isEmpty()
        || !movedToUpdatedPolicy.isEmpty();
  }
}
