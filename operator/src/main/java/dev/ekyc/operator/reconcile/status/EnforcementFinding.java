package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.enforce.MechanismCheck;
import java.time.Instant;
import java.util.List;

/**
 * What the enforcement step found on the backend this time; {@link RetentionPolicyStatusAssembler}
 * renders it.
 */
public sealed interface EnforcementFinding {

  /** The policy is not Ready: nothing was applied or checked. */
  record NotChecked(String reason, String message) implements EnforcementFinding {}

  /** Applying or checking failed; the message says where and why. */
  record Failed(String message) implements EnforcementFinding {}

  /** The check ran: what each mechanism holds, in which mode, and when the backend was read. */
  record Checked(List<MechanismCheck> checks, EnforcementStatus.Mode mode, Instant readAt)
      implements EnforcementFinding {}

  /** Drift found in Enforce mode, being restored now (the status written before the repair). */
  record Restoring(List<MechanismCheck> drifted) implements EnforcementFinding {}
}
