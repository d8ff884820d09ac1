package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * Picks a policy's job schedule when the spec gives none: every 15 minutes when any duration the
 * jobs serve is shorter than a day (sub-day promises need frequent runs), otherwise hourly at a
 * minute derived from the policy's name, so many policies do not all start at minute 0.
 */
final class ScheduleChooser {
  static final String SUB_DAY_DEFAULT = "*/15 * * * *";

  private ScheduleChooser() {}

  static String defaultFor(RetentionPolicy policy, Duration shortestDuration) {
    if (shortestDuration != null && shortestDuration.compareTo(Duration.ofDays(1)) < 0) {
      return SUB_DAY_DEFAULT;
    }
    CRC32 crc = new CRC32();
    String id = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (crc.getValue() % 60) + " * * * *";
  }

  /**
   * The default schedule, or a more frequent one where a rule's promise (deleteWithin) needs it:
   * the least frequent suggestion whose gap fits between every job rule's duration and its promise.
   * Without promises the default is unchanged. With {@code searchSwept} the indices rules are the
   * sweep job's too (retention + write window).
   */
  static String keepingPromises(
      String defaultSchedule, Duration defaultGap, RetentionPolicy policy, boolean searchSwept) {
    Duration slack = null;
    for (RetentionRule rule : policy.getSpec().rules) {
      if (searchSwept && rule.indices != null) {
        slack = DurationText.shorter(slack, slack(sweptAge(rule), rule.deleteWithin));
        continue;
      }
      if (rule.indices != null || rule.dataStream != null) {
        continue;
      }
      slack = DurationText.shorter(slack, slack(rule.retention, rule.deleteWithin));
      if (rule.withConsent != null) {
        slack =
            DurationText.shorter(
                slack, slack(rule.withConsent.retention, rule.withConsent.deleteWithin));
      }
      if (rule.sensitive != null && rule.sensitive.withoutConsent != null) {
        var withoutConsent = rule.sensitive.withoutConsent;
        slack =
            DurationText.shorter(
                slack, slack(withoutConsent.eraseAfter, withoutConsent.deleteWithin));
      }
    }
    if (slack == null || defaultGap.compareTo(slack) <= 0) {
      return defaultSchedule;
    }
    String frequent = ScheduleSuggestion.withGapAtMost(slack);
    return frequent == null ? defaultSchedule : frequent;
  }

  /** When the sweep job deletes an index: retention + write window (null if either is invalid). */
  private static Duration sweptAge(RetentionRule rule) {
    Duration retention = parseOrNull(rule.retention);
    Duration window =
        parseOrNull(rule.indices.writeWindow == null ? "1d" : rule.indices.writeWindow);
    return retention == null || window == null ? null : retention.plus(window);
  }

  private static Duration slack(String duration, String promise) {
    return slack(parseOrNull(duration), promise);
  }

  private static Duration slack(Duration d, String promise) {
    Duration p = parseOrNull(promise);
    return d == null || p == null || p.compareTo(d) <= 0 ? null : p.minus(d);
  }

  /**
   * Shortest retention, erasure or withdrawal deadline among a policy's rules that jobs must meet;
   * with {@code searchSwept} (indices deleted by the sweep job) an indices rule counts with its
   * retention + write window.
   */
  static Duration shortestJobDuration(
      RetentionPolicy policy,
      java.util.function.Function<String, Duration> withdrawalOf,
      boolean searchSwept) {
    Duration shortest = null;
    for (RetentionRule rule : policy.getSpec().rules) {
      if (searchSwept && rule.indices != null) {
        shortest = DurationText.shorter(shortest, sweptAge(rule));
        continue;
      }
      if (rule.indices != null || rule.dataStream != null) {
        continue; // search rules run natively, not as jobs
      }
      shortest = DurationText.shorter(shortest, parseOrNull(rule.retention));
      if (rule.sensitive != null && rule.sensitive.withoutConsent != null) {
        shortest =
            DurationText.shorter(shortest, parseOrNull(rule.sensitive.withoutConsent.eraseAfter));
        if (rule.sensitive.consentPolicyRef != null) {
          shortest =
              DurationText.shorter(
                  shortest, withdrawalOf.apply(rule.sensitive.consentPolicyRef.name));
        }
      }
      if (rule.withConsent != null && rule.withConsent.consentPolicyRef != null) {
        shortest =
            DurationText.shorter(
                shortest, withdrawalOf.apply(rule.withConsent.consentPolicyRef.name));
      }
    }
    return shortest;
  }

  private static Duration parseOrNull(String text) {
    return DurationText.isValid(text) ? DurationText.parse(text) : null;
  }
}
