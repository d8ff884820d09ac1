package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes the result of a drift check into a RetentionPolicy's status: each rule's applied
 * mechanisms, and the Drifted and Compliant conditions. Drifted is True only while something the
 * operator had applied differs and stays so (Audit, --dry-run); a difference restored in this check
 * leaves it False with reason Corrected. Compliant here covers the native mechanisms and the
 * policy's CronJob; the assembler adds the jobs' results.
 */
public final class EnforcementStatus {
  public static final String IN_SYNC = "InSync";
  public static final String CORRECTED = "Corrected";
  public static final String DRIFT = "Drift";
  public static final String NOT_CHECKED = "NotChecked";
  public static final String CHECK_FAILED = "CheckFailed";
  public static final String ENFORCED = "Enforced";
  public static final String AUDIT = "AuditMode";
  public static final String NOT_APPLIED = "NotApplied";
  public static final String APPLY_FAILED = "ApplyFailed";

  /** How the policy may act on its backend. */
  public enum Mode {
    ENFORCE,
    AUDIT,
    DRY_RUN
  }

  private EnforcementStatus() {}

  /** Puts the checks into the rules' {@code applied} lists. */
  public static void recordApplied(
      RetentionPolicyStatus status, List<MechanismCheck> checks, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (RuleStatus rule : status.rules) {
      rule.applied =
          checks.stream()
              .filter(c -> c.rule().equals(rule.name))
              .map(
                  c -> {
                    AppliedMechanism applied = new AppliedMechanism();
                    applied.mechanism = c.mechanism();
                    applied.ownedName = c.ownedName();
                    applied.state = c.state().name();
                    applied.difference = c.difference().isEmpty() ? null : c.difference();
                    applied.lastVerified = time;
                    applied.warnings = c.warnings();
                    return applied;
                  })
              .toList();
    }
  }

  /** Drifted and Compliant after a check that ran. */
  public static List<Condition> checked(long generation, List<MechanismCheck> checks, Mode mode) {
    List<MechanismCheck> drifted = with(checks, MechanismState.Drifted);
    List<MechanismCheck> corrected = with(checks, MechanismState.Corrected);
    List<MechanismCheck> notApplied = with(checks, MechanismState.NotApplied);
    Condition driftCondition;
    if (!drifted.isEmpty()) {
      driftCondition =
          Conditions.condition(
              Conditions.DRIFTED,
              "True",
              DRIFT,
              "differs from the plan"
                  + (mode == Mode.ENFORCE ? "" : " (" + modeText(mode) + ": not restored)")
                  + ": "
                  + describe(drifted),
              generation);
    } else if (!corrected.isEmpty()) {
      driftCondition =
          Conditions.condition(
              Conditions.DRIFTED, "False", CORRECTED, describe(corrected), generation);
    } else {
      driftCondition =
          Conditions.condition(
              Conditions.DRIFTED,
              "False",
              IN_SYNC,
              checks.isEmpty()
                  ? "the policy has no native backend mechanism to check"
                  : checks.size()
                      + " native mechanism"
                      + (checks.size() == 1 ? "" : "s")
                      + " as planned",
              generation);
    }
    Condition compliant;
    if (mode != Mode.ENFORCE) {
      List<MechanismCheck> pending = new ArrayList<>(notApplied);
      pending.addAll(drifted);
      compliant =
          Conditions.condition(
              Conditions.COMPLIANT,
              "False",
              AUDIT,
              modeText(mode)
                  + ": nothing is"
                  + " written"
                  + (pending.isEmpty()
                      ? "; the backend already matches the plan"
                      : "; would change: " + describe(pending)),
              generation);
    } else if (!drifted.isEmpty() || !notApplied.isEmpty()) {
      List<MechanismCheck> wrong = new ArrayList<>(drifted);
      wrong.addAll(notApplied);
      compliant =
          Conditions.condition(
              Conditions.COMPLIANT,
              "False",
              DRIFT,
              "not as planned: " + describe(wrong),
              generation);
    } else {
      compliant =
          Conditions.condition(
              Conditions.COMPLIANT,
              "True",
              ENFORCED,
              (checks.isEmpty()
                  ? "no native backend mechanism"
                  : "every native mechanism is applied and verified"),
              generation);
    }
    return List.of(driftCondition, compliant);
  }

  /** Drifted and Compliant while a detected drift is being restored (Enforce mode). */
  public static List<Condition> restoring(long generation, List<MechanismCheck> drifted) {
    String message = "differs from the plan, restoring: " + describe(drifted);
    return List.of(
        Conditions.condition(Conditions.DRIFTED, "True", DRIFT, message, generation),
        Conditions.condition(Conditions.COMPLIANT, "False", DRIFT, message, generation));
  }

  /**
   * Drifted and Compliant when the check could not run (policy not Ready, or the backend failed).
   */
  public static List<Condition> notChecked(long generation, String reason, String message) {
    return List.of(
        Conditions.condition(Conditions.DRIFTED, "Unknown", reason, message, generation),
        Conditions.condition(Conditions.COMPLIANT, "False", reason, message, generation));
  }

  /** The Drifted and Compliant conditions of a status, if it has them. */
  static Optional<Condition> find(RetentionPolicyStatus status, String type) {
    return status == null ? Optional.empty() : Conditions.find(status.conditions, type);
  }

  private static String modeText(Mode mode) {
    return mode == Mode.DRY_RUN ? "the operator runs with --dry-run" : "mode Audit";
  }

  private static List<MechanismCheck> with(List<MechanismCheck> checks, MechanismState state) {
    return checks.stream().filter(c -> c.state() == state).toList();
  }

  private static String describe(List<MechanismCheck> checks) {
    return checks.stream().map(MechanismCheck::describe).collect(Collectors.joining("; "));
  }
}
