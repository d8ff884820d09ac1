package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.policy.ObjectConsent;
import dev.ekyc.operator.policy.ObjectSweep;
import java.time.Instant;
import java.util.Map;

/**
 * The sweep's decision for one object, without I/O: the promise {@code ObjectRuleCompiler} explains
 * in the plan. "Older than" is strict: an object exactly at the retention is kept until the next
 * run. Age alone is checked first ({@link #tooYoung}) so young objects cost no tag request; tags
 * are read only when the rule needs them.
 */
public final class SweepDecider {
  private final ObjectSweep sweep;
  private final SweepCutoffs cutoffs;

  public SweepDecider(ObjectSweep sweep, SweepCutoffs cutoffs) {
    this.sweep = sweep;
    this.cutoffs = cutoffs;
  }

  public boolean tooYoung(Instant lastModified) {
    return !lastModified.isBefore(cutoffs.deleteModifiedBefore());
  }

  /**
   * A tag selector, a consent tag or a legal-hold tag key: only then is GetObjectTagging worth a
   * request.
   */
  public boolean needsTags() {
    ObjectConsent consent = sweep.consent();
    return !sweep.tags().isEmpty()
        || sweep.legalHoldTagKey() != null
        || (consent != null && consent.tagKey() != null);
  }

  /**
   * {@code tags} must be the object's tags when {@link #needsTags()}; otherwise they are not looked
   * at.
   */
  public SweepDecision decide(String key, Instant lastModified, Map<String, String> tags) {
    if (tooYoung(lastModified)) {
      return SweepDecision.TOO_YOUNG;
    }
    if (!matchesSelector(tags)) {
      return SweepDecision.NOT_MATCHING_TAGS;
    }
    if (sweep.legalHoldTagKey() != null && tags.containsKey(sweep.legalHoldTagKey())) {
      return SweepDecision.KEEP_HELD;
    }
    if (consented(key, tags) && !lastModified.isBefore(cutoffs.consentedDeleteModifiedBefore())) {
      return SweepDecision.KEEP_CONSENTED;
    }
    return SweepDecision.DELETE;
  }

  private boolean matchesSelector(Map<String, String> tags) {
    return sweep.tags().entrySet().stream()
        .allMatch(t -> t.getValue().equals(tags.get(t.getKey())));
  }

  /**
   * Tag: exactly key=value (a changed or removed tag is a withdrawal). Prefix: the segment directly
   * below the rule's prefix.
   */
  private boolean consented(String key, Map<String, String> tags) {
    ObjectConsent consent = sweep.consent();
    if (consent == null) {
      return false;
    }
    if (consent.tagKey() != null) {
      return consent.tagValue().equals(tags.get(consent.tagKey()));
    }
    return consent.prefixSegment() != null
        && key.startsWith(sweep.prefix() + consent.prefixSegment());
  }
}
