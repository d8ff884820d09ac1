package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.enforce.EnforcementException;
import dev.ekyc.operator.enforce.Enforcer;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.status.Conditions;
import dev.ekyc.operator.reconcile.status.RetentionPolicyStatusAssembler;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a RetentionPolicy is deleted: its backend configuration (the lifecycle rules
 * and ILM/ISM policies it owns) is removed, everything else stays as it is, and the finalizer goes.
 * If the backend cannot be reached, removal is retried every drift interval until {@code
 * cleanupTimeout} after the deletion request; then the finalizer goes anyway with a Warning event
 * naming what was left and how to remove it by hand, so an unreachable backend never blocks
 * namespace deletion forever.
 */
public final class PolicyCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyCleanup.class);

  private final Enforcer enforcer;
  private final EventRecorder events;
  private final ReconcileSettings settings;

  public PolicyCleanup(Enforcer enforcer, EventRecorder events, ReconcileSettings settings) {
    this.enforcer = enforcer;
    this.events = events;
    this.settings = settings;
  }

  /**
   * @param planWithoutPolicy the namespace's plan compiled without the deleted policy
   * @param statusPatcher writes a status while the policy waits for its backend
   */
  public DeleteControl cleanup(
      RetentionPolicy policy,
      Optional<DataStore> store,
      EnforcementPlan planWithoutPolicy,
      StoreAccessFactory accessFactory,
      java.util.function.Consumer<RetentionPolicyStatus> statusPatcher) {
    String name = policy.getMetadata().getName();
    if (store.isEmpty()) {
      return release(
          policy,
          "Normal",
          "CleanupSkipped",
          "the DataStore is gone, so its backend cannot be reached;"
              + " nothing was removed"
              + leftOver(policy));
    }
    if (settings.dryRun()) {
      return release(
          policy,
          "Normal",
          "CleanupSkipped",
          "the operator runs with --dry-run: nothing was removed" + leftOver(policy));
    }
    boolean storeReady =
        Conditions.isTrue(
            store.get().getStatus() == null ? null : store.get().getStatus().conditions,
            Conditions.READY);
    if (!storeReady && !PolicyEnforcement.recordedAnything(policy)) {
      // Never applied as far as status knows, and the store cannot be reached: there is nothing to
      // wait for.
      return DeleteControl.defaultDelete();
    }
    try {
      List<String> removed =
          enforcer.removePolicy(
              accessFactory.of(
                  store.get(), StoreAccessFactory.emptyPlanFor(store.get(), planWithoutPolicy)),
              name);
      if (!removed.isEmpty()) {
        events.record(
            policy, EventRecorder.Type.Normal, "CleanedUp", "removed from the backend: " + removed);
      }
      return DeleteControl.defaultDelete();
    } catch (EnforcementException e) {
      Instant deadline = deadline(policy);
      if (settings.clock().instant().isBefore(deadline)) {
        String message =
            "cannot remove this policy's backend configuration yet: "
                + e.getMessage()
                + "; retrying until "
                + deadline
                + ", then the policy is deleted without it";
        LOG.warn("RetentionPolicy {}/{}: {}", policy.getMetadata().getNamespace(), name, message);
        events.record(policy, EventRecorder.Type.Warning, "CleanupFailed", message);
        patchCondition(policy, message, statusPatcher);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(settings.driftInterval());
      }
      return release(
          policy,
          "Warning",
          "CleanupAbandoned",
          "gave up removing this policy's backend configuration"
              + " after "
              + settings.cleanupTimeout()
              + ": "
              + e.getMessage()
              + leftOver(policy));
    }
  }

  private void patchCondition(
      RetentionPolicy policy,
      String message,
      java.util.function.Consumer<RetentionPolicyStatus> statusPatcher) {
    try {
      statusPatcher.accept(
          RetentionPolicyStatusAssembler.cleanupFailed(
              policy, message, settings.clock().instant()));
    } catch (RuntimeException e) {
      LOG.debug("could not write the cleanup condition: {}", e.getMessage());
    }
  }

  private Instant deadline(RetentionPolicy policy) {
    String requested = policy.getMetadata().getDeletionTimestamp();
    Instant since = requested == null ? settings.clock().instant() : Instant.parse(requested);
    return since.plus(settings.cleanupTimeout());
  }

  private DeleteControl release(
      RetentionPolicy policy, String type, String reason, String message) {
    LOG.info(
        "RetentionPolicy {}/{} deleted: {}",
        policy.getMetadata().getNamespace(),
        policy.getMetadata().getName(),
        message);
    events.record(policy, EventRecorder.Type.valueOf(type), reason, message);
    return DeleteControl.defaultDelete();
  }

  /** The owned names the status recorded, and how to remove them by hand. */
  private static String leftOver(RetentionPolicy policy) {
    TreeSet<String> names = new TreeSet<>();
    if (policy.getStatus() != null && policy.getStatus().rules != null) {
      policy
          .getStatus()
          .rules
          .forEach(
              r -> {
                if (r.applied != null) {
                  r.applied.forEach(a -> names.add(a.mechanism + " " + a.ownedName));
                }
              });
    }
    if (names.isEmpty()) {
      return "";
    }
    return ". Left on the backend: "
        + names
        + ". Remove them by hand (docs/architecture.md, \"Finalizers\"), or"
        + " let the operator remove stale S3 rules at the store's next write";
  }
}
