package dev.ekyc.operator.enforce;

import java.util.List;

/**
 * The result of comparing one native mechanism of one rule with the backend: which policy and rule
 * it serves, the kind (LifecycleRule, ILM, ISM), the name the operator owns on the backend, whether
 * an object of that name was on the backend before this check, the state, what differed (or would
 * be written) and warnings about foreign configuration the operator does not change.
 */
public record MechanismCheck(
    String policy,
    String rule,
    String mechanism,
    String ownedName,
    boolean existed,
    MechanismState state,
    String difference,
    List<String> warnings) {

  public MechanismCheck {
    difference = difference == null ? "" : difference;
    warnings = List.copyOf(warnings);
  }

  public String describe() {
    return mechanism + " " + ownedName + " (rule " + rule + "): " + difference;
  }
}
