package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.ObjectSweep;
import java.time.Instant;

/**
 * The instants a sweep compares LastModified with, all from one server "now" taken at the start of
 * the run. Objects age while a run goes on; keeping the start's "now" can only delete later, never
 * earlier.
 *
 * @param deleteModifiedBefore objects last modified strictly before this are older than the base
 *     retention
 * @param consentedDeleteModifiedBefore the same for consented objects; null when the rule has no
 *     consent
 */
public record SweepCutoffs(
    Instant serverNow, Instant deleteModifiedBefore, Instant consentedDeleteModifiedBefore) {

  public static SweepCutoffs at(Instant serverNow, ObjectSweep sweep) {
    return new SweepCutoffs(
        serverNow,
        serverNow.minus(sweep.deleteOlderThan()),
        sweep.consent() == null ? null : serverNow.minus(sweep.consent().retention()));
  }
}
