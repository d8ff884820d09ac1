package dev.ekyc.operator.enforce;

import java.util.List;

/**
 * Hears of drift (a mechanism verified before that now differs) just before the operator restores
 * it, so the Drifted condition, its Event and gauge show every drift, also the ones repaired within
 * the same check.
 */
@FunctionalInterface
public interface DriftListener {
  DriftListener NONE = drifted -> {};

  /** Called under the location's lock: keep it short (a status patch, an Event). */
  void detected(List<MechanismCheck> drifted);
}
