package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.job.ObjectCopies;
import dev.ekyc.operator.objectstore.BucketFinding;
import dev.ekyc.operator.objectstore.CopyCoverage;
import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.RulePlan;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code sweep}: each rule's primary {@link ObjectSweep}, run by the {@link ObjectSweeper} library.
 */
final class ObjectRuleRunner implements RuleRunner {
  private final S3Client s3;
  private final ObjectSweeper sweeper;

  private final List<CopyCoverage.CoveredPrefix> covered;

  ObjectRuleRunner(
      ObjectStorageSpec spec,
      StoreCredentials.ObjectStorage credentials,
      boolean dryRun,
      List<CopyCoverage.CoveredPrefix> covered) {
    this.covered = covered;
    this.s3 =
        S3Clients.create(
            spec,
            credentials,
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            S3Clients.STANDARD_ATTEMPTS);
    SweepOptions options = SweepOptions.defaults();
    this.sweeper = new ObjectSweeper(s3, spec.bucket, dryRun ? options.asDryRun() : options);
  }

  static Optional<ObjectSweep> sweepOf(RulePlan rule) {
    return RuleRunner.primary(rule, ObjectSweep.class);
  }

  @Override
  public boolean handles(RulePlan rule) {
    return sweepOf(rule).isPresent();
  }

  @Override
  public Counts run(RulePlan rule) {
    ObjectSweep sweep = sweepOf(rule).orElseThrow();
    SweepResult r = sweeper.sweep(sweep);
    // Copies the sweep cannot reach (locked by default, replicated elsewhere): it deleted what it
    // could, and the
    // rule fails with the setting and the fix.
    List<BucketFinding> unreachable =
        CopyCoverage.findings(sweeper.facts(), sweep.prefix(), rule.overdueAfter(), covered);
    // The due object the cap left, aged by the S3 server's clock at the start of the run: a lower
    // bound, since
    // the listing stops there (in key order) and older due objects may lie beyond it.
    Long backlogAge = RuleRunner.ageSeconds(r.oldestDueLeft(), r.serverNow());
    return new Counts(
        r.serverNow().toString(),
        r.cutoffs().deleteModifiedBefore().toString(),
        r.cutoffs().consentedDeleteModifiedBefore() == null
            ? null
            : r.cutoffs().consentedDeleteModifiedBefore().toString(),
        null,
        r.listed(),
        r.deleted(),
        null,
        r.keptConsented(),
        r.keptHeld(),
        r.tooYoung(),
        null,
        r.errors(),
        r.capReached(),
        r.capReached(),
        backlogAge,
        copies(r),
        failure(r, unreachable));
  }

  static ObjectCopies copies(SweepResult r) {
    String versioning =
        switch (r.versioning()) {
          case UNVERSIONED -> "Unversioned";
          case ENABLED -> "Enabled";
          case SUSPENDED -> "Suspended";
          case NOT_SUPPORTED -> "NotSupported";
          case UNKNOWN -> "Unknown";
        };
    return new ObjectCopies(
        versioning,
        r.markersRemoved(),
        r.uploadsAborted(),
        r.keptLocked(),
        r.lockedUntil() == null ? null : r.lockedUntil().toString(),
        r.hiddenNotErased());
  }

  /**
   * A deletion answered with a delete marker, or a copy the promise cannot reach, is a failure of
   * the rule whatever else the run did; null when there is none.
   */
  static String failure(SweepResult r, List<BucketFinding> unreachable) {
    List<String> parts = new java.util.ArrayList<>();
    if (r.hiddenNotErased() > 0) {
      parts.add(
          r.hiddenNotErased()
              + " deletions were answered with a delete marker: hidden, not erased (the data"
              + " is still readable by version ID)");
    }
    unreachable.forEach(f -> parts.add(f.text()));
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  @Override
  public void close() {
    s3.close();
  }
}
