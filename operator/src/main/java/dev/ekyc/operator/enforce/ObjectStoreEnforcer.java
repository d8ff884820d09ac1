package dev.ekyc.operator.enforce;

import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.objectstore.BucketLifecycleState;
import dev.ekyc.operator.objectstore.LifecycleApplier;
import dev.ekyc.operator.objectstore.LifecycleLimitException;
import dev.ekyc.operator.objectstore.LifecycleMerge;
import dev.ekyc.operator.objectstore.LifecycleRequestException;
import dev.ekyc.operator.objectstore.LifecycleVerificationException;
import dev.ekyc.operator.objectstore.MergedLifecycle;
import dev.ekyc.operator.objectstore.OwnedLifecycleRule;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.S3LifecycleStore;
import dev.ekyc.operator.objectstore.StoreOwnership;
import dev.ekyc.operator.policy.LifecycleExpiration;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.Sha256;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * Checks and applies the S3 lifecycle rules of every policy of one object-storage store in one
 * read-merge-write, under the lock of the bucket's location. The desired configuration of the store
 * is: the planned rules of writable policies (Enforce, no errors), the rules of Audit policies
 * exactly as found (Audit writes nothing for them), and nothing for policies in error or deleted
 * (their rules go at the next write: removing a backstop can only keep objects longer). Rules the
 * store does not own are never changed.
 */
final class ObjectStoreEnforcer {
  private final LocationLocks locks;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final InSyncReads recentReads;

  ObjectStoreEnforcer(
      LocationLocks locks, Duration connectTimeout, Duration readTimeout, InSyncReads recentReads) {
    this.locks = locks;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.recentReads = recentReads;
  }

  /**
   * Compares every planned rule of the store with the bucket; when {@code write}, makes the bucket
   * hold the store's desired configuration. Returns the checks by policy name.
   */
  StoreOutcome enforce(
      StoreAccess access, boolean write, PreviousChecks previous, DriftListener onDrift) {
    return enforce(access, write, previous, onDrift, true);
  }

  /**
   * {@code reuseRecentRead} false: always read (and write what differs), e.g. to remove a deleted
   * policy's rules.
   */
  StoreOutcome enforce(
      StoreAccess access,
      boolean write,
      PreviousChecks previous,
      DriftListener onDrift,
      boolean reuseRecentRead) {
    var spec = access.store().getSpec().objectStorage;
    var credentials = (StoreCredentials.ObjectStorage) access.credentials();
    String store = access.namespace() + "/" + access.name();
    // Everything the read-and-compare depends on besides the bucket itself (records and strings:
    // value equality).
    Object desired =
        List.of(
            access.plan(),
            digest(credentials),
            access.dryRun(),
            access.locationKey(),
            String.valueOf(spec.endpoint),
            String.valueOf(spec.bucket));
    try {
      return locks.withLock(
          access.locationKey(),
          () ->
              recentReads
                  .recent(store, desired)
                  .filter(recent -> reuseRecentRead)
                  .orElseGet(
                      () -> {
                        try (S3Client s3 =
                            S3Clients.create(
                                spec,
                                credentials,
                                connectTimeout,
                                readTimeout,
                                S3Clients.STANDARD_ATTEMPTS)) {
                          // [0]: this pass wrote; [1]: the bucket held exactly the store's desired
                          // configuration when read.
                          boolean[] facts = new boolean[2];
                          StoreOutcome outcome =
                              enforceLocked(
                                  access,
                                  new S3LifecycleStore(s3, spec.bucket),
                                  write,
                                  previous,
                                  onDrift,
                                  facts);
                          // Checks can all be in sync while the bucket still holds rules to remove
                          // (a deleted policy's): only a
                          // bucket exactly as desired may answer other checks.
                          recentReads.record(store, desired, outcome, facts[0] || !facts[1]);
                          return outcome;
                        }
                      }));
    } catch (LifecycleRequestException
        | LifecycleVerificationException
        | LifecycleLimitException e) {
      throw new EnforcementException("DataStore " + access.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The credentials as a one-way digest: secret values have no equality (so they cannot be compared
   * or printed by accident), and a changed Secret must read the bucket again with the new keys.
   * Kept in memory only.
   */
  private static String digest(StoreCredentials.ObjectStorage credentials) {
    var key = credentials.accessKey();
    return Sha256.hexOfParts(
        key.accessKeyId(),
        key.secretAccessKey().reveal(),
        key.sessionToken().map(v -> v.reveal()).orElse(""),
        credentials.caPem().orElse(""));
  }

  private StoreOutcome enforceLocked(
      StoreAccess access,
      S3LifecycleStore bucket,
      boolean write,
      PreviousChecks previous,
      DriftListener onDrift,
      boolean[] facts) {
    java.time.Instant readAt = recentReads.now();
    BucketLifecycleState actual = bucket.read();
    StoreOwnership ownership = new StoreOwnership(access.namespace(), access.name());
    Map<String, LifecycleRule> owned = new LinkedHashMap<>();
    actual.rules().stream().filter(r -> ownership.owns(r.id())).forEach(r -> owned.put(r.id(), r));

    List<OwnedLifecycleRule> desired = new ArrayList<>();
    for (PolicyPlan policy : access.plan().policies()) {
      if (access.writable(policy)) {
        planned(policy).forEach(p -> desired.add(p.rule()));
      } else if (access.frozen(policy)) {
        desired.addAll(asFound(owned, ownership.idPrefix() + policy.policy().name() + "/"));
      }
    }
    MergedLifecycle merged = LifecycleMerge.merge(actual.rules(), ownership, desired);
    facts[1] = !merged.diff().writeNeeded();
    boolean written = false;
    if (write && !access.dryRun() && merged.diff().writeNeeded()) {
      // Drift is reported before it is restored, so status, events and the gauge show it even in
      // Enforce mode.
      List<MechanismCheck> drifted =
          checks(access, owned, false, previous, merged).values().stream()
              .flatMap(List::stream)
              .filter(c -> c.state() == MechanismState.Drifted)
              .toList();
      if (!drifted.isEmpty()) {
        onDrift.detected(drifted);
      }
      merged = new LifecycleApplier(bucket, 5, Duration.ofSeconds(2)).apply(ownership, desired);
      written = true;
    }
    facts[0] = written;
    return new StoreOutcome(
        checks(access, owned, written, previous, merged),
        written ? merged.diff().removed() : List.of(),
        readAt);
  }

  private static Map<String, List<MechanismCheck>> checks(
      StoreAccess access,
      Map<String, LifecycleRule> owned,
      boolean written,
      PreviousChecks previous,
      MergedLifecycle merged) {
    Map<String, List<MechanismCheck>> checks = new LinkedHashMap<>();
    for (PolicyPlan policy : access.plan().policies()) {
      List<MechanismCheck> list = new ArrayList<>();
      for (Planned p : planned(policy)) {
        list.add(
            check(
                p,
                owned.get(p.rule().id()),
                written && access.writable(policy),
                previous,
                merged,
                bucketUrl(access)));
      }
      checks.put(policy.policy().name(), list);
    }
    return checks;
  }

  private static String bucketUrl(StoreAccess access) {
    return "s3://" + access.store().getSpec().objectStorage.bucket;
  }

  private static MechanismCheck check(
      Planned planned,
      LifecycleRule found,
      boolean written,
      PreviousChecks previous,
      MergedLifecycle merged,
      String bucket) {
    OwnedLifecycleRule want = planned.rule();
    List<String> warnings =
        merged.warnings().stream()
            .filter(w -> want.id().equals(w.ownedRuleId()))
            .map(w -> "foreign rule " + w.otherRuleId() + ": " + w.message())
            .toList();
    if (found != null && OwnedLifecycleRule.fromS3(found).equals(Optional.of(want))) {
      return new MechanismCheck(
          planned.policy(),
          planned.ruleName(),
          "LifecycleRule",
          want.id(),
          true,
          MechanismState.InSync,
          "",
          warnings);
    }
    MechanismState state = previous.differing(want.id(), written);
    String what = found == null ? "absent from " + bucket : "is " + describe(found);
    String difference =
        switch (state) {
          case Applied -> "written: " + want + " (was " + what + ")";
          case Corrected -> "restored: " + want + " (someone changed it: " + what + ")";
          case Drifted -> "rule " + what + ", the plan says " + want;
          default -> "would write " + want + " (now " + what + ")";
        };
    return new MechanismCheck(
        planned.policy(),
        planned.ruleName(),
        "LifecycleRule",
        want.id(),
        found != null,
        state,
        difference,
        warnings);
  }

  /** A rule as S3 returned it, in words: enough to see what someone changed. */
  static String describe(LifecycleRule rule) {
    return OwnedLifecycleRule.fromS3(rule)
        .map(
            r ->
                "expire "
                    + r.prefix()
                    + (r.tags().isEmpty() ? "" : " tagged " + r.tags())
                    + " after "
                    + r.days()
                    + " days")
        .orElseGet(
            () ->
                "status "
                    + rule.statusAsString()
                    + (rule.expiration() == null
                        ? ", no expiration"
                        : ", expiration " + rule.expiration().days() + " days")
                    + (rule.hasTransitions() ? ", with transitions" : ""));
  }

  private static List<OwnedLifecycleRule> asFound(
      Map<String, LifecycleRule> owned, String policyPrefix) {
    List<OwnedLifecycleRule> kept = new ArrayList<>();
    for (LifecycleRule rule : owned.values()) {
      if (rule.id().startsWith(policyPrefix)) {
        // A rule someone changed beyond what the operator writes cannot be expressed here; it is
        // dropped at
        // the next write of another policy of the store (dropping a backstop only keeps objects
        // longer).
        OwnedLifecycleRule.fromS3(rule).ifPresent(kept::add);
      }
    }
    return kept;
  }

  private record Planned(String policy, String ruleName, OwnedLifecycleRule rule) {}

  private static List<Planned> planned(PolicyPlan policy) {
    List<Planned> out = new ArrayList<>();
    for (RulePlan rule : policy.rules()) {
      for (var mechanism : rule.mechanisms()) {
        if (mechanism instanceof LifecycleExpiration e && e.ruleId() != null && e.days() >= 1) {
          out.add(new Planned(policy.policy().name(), rule.name(), OwnedLifecycleRule.of(e)));
        }
      }
    }
    return out;
  }
}
