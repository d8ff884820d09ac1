package dev.ekyc.operator.objectstore;

import java.time.Duration;

/**
 * A bucket's Object Lock configuration: whether it is on, and the default retention every new
 * version gets.
 *
 * @param mode GOVERNANCE or COMPLIANCE; null without a default retention
 * @param period the default retention (days, or years counted as 365 days, the shorter reading of a
 *     year); null without one
 */
public record ObjectLockDefaults(boolean enabled, String mode, Duration period) {
  public static final ObjectLockDefaults NONE = new ObjectLockDefaults(false, null, null);

  public String describe() {
    if (!enabled) {
      return "off";
    }
    return period == null
        ? "on, no default retention"
        : "on, default " + mode + " " + period.toDays() + "d";
  }
}
