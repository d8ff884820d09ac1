package dev.ekyc.operator.objectstore;

import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a rule's promise can hold for every copy its bucket keeps or makes, given the bucket's
 * facts: pure. A bucket whose Object Lock default retention is longer than the promise keeps every
 * new version past it, and a replication rule copies the objects to a destination where deletions
 * by version ID never arrive (AWS and COS do not replicate them), so the copies there go only if a
 * policy with an equal or shorter promise covers that bucket. Each finding names the setting or the
 * destination and the fix; the sweep still deletes what it can (locked versions are kept and
 * counted) and then fails the rule with them.
 */
public final class CopyCoverage {
  /**
   * An object rule of some enforceable policy: it deletes under {@code prefix} of {@code bucket}
   * within {@code promise}.
   */
  public record CoveredPrefix(String bucket, String prefix, Duration promise) {}

  private CopyCoverage() {}

  /**
   * Every enforceable object rule of the plan, with its promise (or its worst case when it states
   * none).
   */
  public static List<CoveredPrefix> of(EnforcementPlan plan) {
    List<CoveredPrefix> out = new ArrayList<>();
    for (StorePlan store : plan.stores()) {
      if (store.type() != StoreType.ObjectStorage) {
        continue;
      }
      for (PolicyPlan policy : store.policies()) {
        if (!policy.enforceable()) {
          continue;
        }
        for (RulePlan rule : policy.rules()) {
          String target = rule.target();
          if (target != null
              && target.startsWith("s3://")
              && target.indexOf('/', 5) > 0
              && rule.overdueAfter() != null) {
            int slash = target.indexOf('/', 5);
            String rest = target.substring(slash + 1);
            int tagged = rest.indexOf(" tagged ");
            out.add(
                new CoveredPrefix(
                    target.substring(5, slash),
                    tagged < 0 ? rest : rest.substring(0, tagged),
                    rule.overdueAfter()));
          }
        }
      }
    }
    return out;
  }

  /** What keeps copies under {@code prefix} past {@code promise}; empty when nothing does. */
  public static List<BucketFinding> findings(
      BucketFacts facts, String prefix, Duration promise, List<CoveredPrefix> covered) {
    List<BucketFinding> out = new ArrayList<>();
    ObjectLockDefaults lock = facts.objectLock();
    if (promise != null
        && lock.enabled()
        && lock.period() != null
        && lock.period().compareTo(promise) > 0) {
      long fitDays = promise.toDays();
      out.add(
          new BucketFinding(
              "Object Lock default retention",
              "every new version in bucket "
                  + facts.bucket()
                  + " is locked "
                  + lock.mode()
                  + " for "
                  + lock.period().toDays()
                  + "d, longer than the promise "
                  + text(promise)
                  + " of the data under "
                  + prefix
                  + ", and S3 refuses to delete a locked version",
              (fitDays >= 1
                      ? "shorten the bucket's default retention to at most " + fitDays + "d"
                      : "remove the bucket's default retention (no whole-day period fits in "
                          + text(promise)
                          + ")")
                  + ("COMPLIANCE".equals(lock.mode())
                      ? " (COMPLIANCE locks cannot be shortened: move this data to a"
                          + " bucket without them)"
                      : "")
                  + ", or set deleteWithin to at least "
                  + lock.period().toDays()
                  + "d",
              true));
    }
    for (ReplicationTarget target : facts.replicationOf(prefix)) {
      boolean coveredThere =
          covered.stream()
              .anyMatch(
                  c ->
                      c.bucket().equals(target.destinationBucket())
                          && prefix.startsWith(c.prefix())
                          && promise != null
                          && c.promise().compareTo(promise) <= 0);
      if (!coveredThere) {
        out.add(
            new BucketFinding(
                "replication to bucket " + target.destinationBucket(),
                "replication rule "
                    + (target.ruleId().isEmpty() ? "(no ID)" : target.ruleId())
                    + " copies "
                    + prefix
                    + " to bucket "
                    + target.destinationBucket()
                    + ", where deletions by version ID are never replicated, and no"
                    + " RetentionPolicy deletes "
                    + prefix
                    + " there within "
                    + (promise == null ? "the same time" : text(promise)),
                "add a DataStore for bucket "
                    + target.destinationBucket()
                    + " and a RetentionPolicy with a rule for "
                    + prefix
                    + " and deleteWithin at most "
                    + (promise == null ? "this rule's" : text(promise))
                    + ", or remove the replication rule",
                true));
      }
    }
    return out;
  }

  private static String text(Duration d) {
    if (d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
      return d.toDays() > 0 && d.toHoursPart() == 0 ? d.toDays() + "d" : d.toHours() + "h";
    }
    return d.toMinutes() + "m";
  }
}
