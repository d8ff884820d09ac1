package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * Objects that carry consent: a tag (key=value) or a key prefix segment below the rule's prefix.
 * Consented objects are kept {@code retention}; the others only the rule's base retention.
 */
public record ObjectConsent(
    ResourceRef consentPolicy,
    String tagKey,
    String tagValue,
    String prefixSegment,
    Duration retention,
    Duration erasureAfterWithdrawal) {

  public String describe() {
    return tagKey != null ? "tag " + tagKey + "=" + tagValue : "key prefix " + prefixSegment;
  }
}
