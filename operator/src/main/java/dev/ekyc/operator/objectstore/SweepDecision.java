package dev.ekyc.operator.objectstore;

/** What a sweep does with one listed object, and the counter it lands in. */
public enum SweepDecision {
  /** Not older than the base retention: no tag request, nothing else. */
  TOO_YOUNG,
  /** Older, but without every tag of the rule's selector: another rule's data, left alone. */
  NOT_MATCHING_TAGS,
  /** Carries the legal-hold tag key (any value): never deleted. */
  KEEP_HELD,
  /** Consented and not older than the consent retention. */
  KEEP_CONSENTED,
  DELETE
}
