package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.ObjectStorageSpec;
import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.credentials.StoreCredentials;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code sweep}: each rule's primary {@link ObjectSweep}, run by the {@link ObjectSweeper} library. */
final class ObjectRuleRunner implements RuleRunner {
  private final S3Client s3;
  private final ObjectSweeper sweeper;

  ObjectRuleRunner(ObjectStorageSpec spec, StoreCredentials.ObjectStorage credentials, boolean dryRun) {
    this.s3 = S3Clients.create(spec, credentials, Duration.ofSeconds(10), Duration.ofSeconds(60),
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
    SweepResult r = sweeper.sweep(sweepOf(rule).orElseThrow());
    // The due object the cap left, aged by the S3 server's clock at the start of the run: a lower bound, since
    // the listing stops there (in key order) and older due objects may lie beyond it.
    Long backlogAge = RuleRunner.ageSeconds(r.oldestDueLeft(), r.serverNow());
    return new Counts(r.serverNow().toString(), r.cutoffs().deleteModifiedBefore().toString(),
        r.cutoffs().consentedDeleteModifiedBefore() == null ? null
            : r.cutoffs().consentedDeleteModifiedBefore().toString(),
        null, r.listed(), r.deleted(), null, r.keptConsented(), r.keptHeld(), r.tooYoung(), null, r.errors(),
        r.capReached(), r.capReached(), backlogAge);
  }

  @Override
  public void close() {
    s3.close();
  }
}
