package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.enforce.EnforcementException;
import dev.ekyc.operator.enforce.Enforcer;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.enforce.PreviousChecks;
import dev.ekyc.operator.enforce.StoreOutcome;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.reconcile.status.EnforcementFinding;
import dev.ekyc.operator.reconcile.status.EnforcementStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enforcement step of a RetentionPolicy's reconciliation: for a Ready policy, applies (Enforce)
 * or only compares (Audit, --dry-run) its native mechanisms and says what the backend holds ({@link
 * EnforcementFinding}, rendered into status by the assembler), and records Events when something
 * was applied, drifted or was restored. A policy that is not Ready is neither applied nor checked.
 */
public final class PolicyEnforcement {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyEnforcement.class);

  private final Enforcer enforcer;
  private final EventRecorder events;
  private final boolean dryRun;
  private final Clock clock;
  private final PolicyMetrics metrics;

  public PolicyEnforcement(
      Enforcer enforcer, EventRecorder events, boolean dryRun, Clock clock, PolicyMetrics metrics) {
    this.enforcer = enforcer;
    this.events = events;
    this.dryRun = dryRun;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * What the backend holds for a policy: nothing is checked unless the policy is {@code ready}.
   * {@code policies} are the namespace's policies, for the previous checks and for events on
   * siblings whose configuration this pass restored. {@code restoring} is told of drift about to be
   * restored in Enforce mode, before the write, so that the status shows it even though the same
   * check repairs it.
   */
  public EnforcementFinding enforce(
      RetentionPolicy policy,
      boolean ready,
      Optional<DataStore> store,
      EnforcementPlan plan,
      List<RetentionPolicy> policies,
      StoreAccessFactory accessFactory,
      Consumer<List<MechanismCheck>> restoring,
      List<MechanismCheck> jobChecks) {
    String name = policy.getMetadata().getName();
    if (store.isEmpty() || !ready) {
      return new EnforcementFinding.NotChecked(
          EnforcementStatus.NOT_CHECKED,
          "the policy is not Ready: nothing is applied or checked until it is");
    }
    EnforcementStatus.Mode mode = mode(plan.policy(ResourceRef.of(policy)));
    PreviousChecks previous = PreviousChecks.of(policies);
    try {
      StoreOutcome outcome =
          enforcer.enforce(
              accessFactory.of(store.get(), plan),
              name,
              mode == EnforcementStatus.Mode.ENFORCE,
              previous,
              drifted -> announceDrift(policy, drifted, policies, restoring));
      // The policy's CronJob (kept by the job workflow) counts like a native mechanism for Drifted
      // and Compliant.
      List<MechanismCheck> checks = new ArrayList<>(outcome.of(name));
      checks.addAll(jobChecks);
      report(policy, checks, previous);
      reportRestoredSiblings(policy, outcome, policies);
      if (!outcome.removed().isEmpty()) {
        events.record(
            policy,
            EventRecorder.Type.Normal,
            "StaleConfigurationRemoved",
            "removed configuration of"
                + " this store that no Ready policy plans any more: "
                + outcome.removed());
      }
      // When the store's last in-sync read answered this check, lastVerified says when that read
      // was.
      return new EnforcementFinding.Checked(
          checks, mode, outcome.readAt() == null ? clock.instant() : outcome.readAt());
    } catch (EnforcementException e) {
      LOG.warn(
          "RetentionPolicy {}/{}: {}", policy.getMetadata().getNamespace(), name, e.getMessage());
      return new EnforcementFinding.Failed(e.getMessage());
    }
  }

  /**
   * Drift found in Enforce mode, about to be restored: the gauge, a Warning event, and the interim
   * status.
   */
  private void announceDrift(
      RetentionPolicy policy,
      List<MechanismCheck> drifted,
      List<RetentionPolicy> policies,
      Consumer<List<MechanismCheck>> restoring) {
    String name = policy.getMetadata().getName();
    String namespace = policy.getMetadata().getNamespace();
    List<MechanismCheck> own = drifted.stream().filter(c -> c.policy().equals(name)).toList();
    for (MechanismCheck check : drifted) {
      policies.stream()
          .filter(
              p ->
                  namespace.equals(p.getMetadata().getNamespace())
                      && check.policy().equals(p.getMetadata().getName()))
          .findFirst()
          .ifPresent(
              p ->
                  events.record(
                      p,
                      EventRecorder.Type.Warning,
                      "DriftDetected",
                      check.describe() + " (restoring)"));
    }
    if (own.isEmpty()) {
      return;
    }
    metrics.policy(namespace, name, true, false);
    try {
      restoring.accept(own);
    } catch (RuntimeException e) {
      LOG.debug("could not write Drifted=True before restoring: {}", e.getMessage());
    }
  }

  private EnforcementStatus.Mode mode(Optional<PolicyPlan> plan) {
    if (dryRun) {
      return EnforcementStatus.Mode.DRY_RUN;
    }
    return plan.map(PolicyPlan::mode).filter(m -> m == EnforcementMode.Audit).isPresent()
        ? EnforcementStatus.Mode.AUDIT
        : EnforcementStatus.Mode.ENFORCE;
  }

  /**
   * Events only on a change of state, so a steady drift in Audit mode does not repeat every
   * interval.
   */
  private void report(
      RetentionPolicy policy, List<MechanismCheck> checks, PreviousChecks previous) {
    java.util.Set<String> reported = new java.util.HashSet<>();
    for (MechanismCheck check : checks) {
      // One CronJob serves every job rule of the policy: one event for it, not one per rule.
      if (!reported.add(check.ownedName() + "/" + check.state())) {
        continue;
      }
      Optional<MechanismState> before = previous.state(check.ownedName());
      switch (check.state()) {
        case Applied ->
            events.record(policy, EventRecorder.Type.Normal, "Applied", check.describe());
        case Corrected ->
            events.record(policy, EventRecorder.Type.Warning, "DriftCorrected", check.describe());
        case Drifted -> {
          // In Enforce mode, drift that is restored was announced (and evented) before the write.
          if (before.filter(s -> s == MechanismState.Drifted).isEmpty()) {
            events.record(policy, EventRecorder.Type.Warning, "DriftDetected", check.describe());
          }
        }
        case NotApplied -> {
          if (before.filter(s -> s == MechanismState.NotApplied).isEmpty()) {
            events.record(policy, EventRecorder.Type.Normal, "WouldApply", check.describe());
          }
        }
        case InSync -> {}
      }
    }
  }

  /**
   * A store's rules are written together: this pass may have restored another policy's drifted
   * rules.
   */
  private void reportRestoredSiblings(
      RetentionPolicy policy, StoreOutcome outcome, List<RetentionPolicy> policies) {
    String namespace = policy.getMetadata().getNamespace();
    for (Map.Entry<String, List<MechanismCheck>> entry : outcome.checks().entrySet()) {
      if (entry.getKey().equals(policy.getMetadata().getName())) {
        continue;
      }
      policies.stream()
          .filter(
              p ->
                  namespace.equals(p.getMetadata().getNamespace())
                      && entry.getKey().equals(p.getMetadata().getName()))
          .findFirst()
          .ifPresent(
              sibling ->
                  entry.getValue().stream()
                      .filter(c -> c.state() == MechanismState.Corrected)
                      .forEach(
                          c ->
                              events.record(
                                  sibling,
                                  EventRecorder.Type.Warning,
                                  "DriftCorrected",
                                  c.describe()
                                      + " (restored while reconciling RetentionPolicy "
                                      + policy.getMetadata().getName()
                                      + ", which shares the bucket)")));
    }
  }

  /**
   * Whether the status records anything as having been on the backend (so a deletion has something
   * to remove).
   */
  static boolean recordedAnything(RetentionPolicy policy) {
    return policy.getStatus() != null
        && policy.getStatus().rules != null
        && policy.getStatus().rules.stream()
            .anyMatch(
                r ->
                    r.applied != null
                        && r.applied.stream()
                            .anyMatch(
                                a ->
                                    a.state != null
                                        && !a.state.equals(MechanismState.NotApplied.name())));
  }
}
