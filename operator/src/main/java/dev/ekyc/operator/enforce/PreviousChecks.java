package dev.ekyc.operator.enforce;

import dev.ekyc.operator.api.v1alpha1.AppliedMechanism;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the policies' statuses say was last found on the backend, by owned name. A difference is
 * drift only when the mechanism had been verified for the same generation of its policy: after a
 * spec change it is an update.
 */
public final class PreviousChecks {
  private final Map<String, MechanismState> verifiedByName;

  private PreviousChecks(Map<String, MechanismState> verifiedByName) {
    this.verifiedByName = verifiedByName;
  }

  public static PreviousChecks none() {
    return new PreviousChecks(Map.of());
  }

  public static PreviousChecks of(Collection<RetentionPolicy> policies) {
    Map<String, MechanismState> states = new HashMap<>();
    for (RetentionPolicy policy : policies) {
      var status = policy.getStatus();
      if (status == null
          || status.rules == null
          || !Objects.equals(status.observedGeneration, policy.getMetadata().getGeneration())) {
        continue;
      }
      for (RuleStatus rule : status.rules) {
        if (rule.applied == null) {
          continue;
        }
        for (AppliedMechanism applied : rule.applied) {
          MechanismState state = MechanismState.parse(applied.state);
          if (applied.ownedName != null && state != null) {
            states.put(applied.ownedName, state);
          }
        }
      }
    }
    return new PreviousChecks(states);
  }

  /** The state the status last recorded for an owned name, at the policy's current generation. */
  public java.util.Optional<MechanismState> state(String ownedName) {
    return java.util.Optional.ofNullable(verifiedByName.get(ownedName));
  }

  boolean wasVerified(String ownedName) {
    MechanismState state = verifiedByName.get(ownedName);
    return state != null && state.wasVerified();
  }

  /**
   * The state a difference gets: drift when it had been verified, otherwise a first application.
   */
  MechanismState differing(String ownedName, boolean written) {
    boolean verified = wasVerified(ownedName);
    if (written) {
      return verified ? MechanismState.Corrected : MechanismState.Applied;
    }
    return verified ? MechanismState.Drifted : MechanismState.NotApplied;
  }
}
