package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.RulePlan;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code sweep} or {@code purge} for one policy, in an order that never deletes before
 * it is safe and always leaves a trace: read the current resources; take the policy's run Lease (a
 * second run stops here, before writing anything); check the policy through the {@link PolicyGate};
 * read the credentials; write the record as Running; run each rule, recording it before and after;
 * write the final record; release the Lease. A refusal found while holding the Lease is recorded as
 * Refused; one found before it (policy missing, Lease held) is not, so it never overwrites the
 * record of the run that holds the Lease.
 */
public final class JobRun {
  private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

  private final KubernetesClient client;
  private final CredentialsLoader credentials;
  private final JobSettings settings;

  public JobRun(KubernetesClient client, CredentialsLoader credentials, JobSettings settings) {
    this.client = client;
    this.credentials = credentials;
    this.settings = settings;
  }

  /**
   * Runs and returns the exit code; refusals are logged with their reason and return their own
   * code.
   */
  public ExitCode run(JobKind kind, String namespace, String policyName, boolean dryRun) {
    PolicyInputs inputs;
    RetentionPolicy policy;
    try {
      inputs = new CurrentResources(client).load(namespace);
      policy = PolicyGate.find(inputs, namespace, policyName);
    } catch (JobRefusal refusal) {
      return refused(refusal);
    }
    OwnerReference owner = RunNames.owner(policy);
    RunLease lease;
    try {
      lease =
          RunLease.acquire(
              client,
              namespace,
              RunNames.lease(policyName),
              owner,
              settings.runId(),
              settings.leaseDuration(),
              settings.clock());
    } catch (JobRefusal refusal) {
      return refused(refusal);
    }
    try (lease) {
      RunRecordStore records = new RunRecordStore(client, namespace, policyName, owner);
      return runHoldingLease(kind, namespace, policyName, dryRun, inputs, policy, lease, records);
    } catch (JobRefusal refusal) {
      return refused(refusal);
    }
  }

  private ExitCode runHoldingLease(
      JobKind kind,
      String namespace,
      String policyName,
      boolean dryRun,
      PolicyInputs inputs,
      RetentionPolicy policy,
      RunLease lease,
      RunRecordStore records) {
    Instant start = settings.clock().instant();
    String lastSuccess = records.previousLastSuccess();
    ApprovedRun approved;
    StoreCredentials storeCredentials;
    try {
      approved = new PolicyGate().check(inputs, namespace, policyName, kind, dryRun);
      storeCredentials = credentials.load(approved.store());
    } catch (JobRefusal refusal) {
      records.writeRun(
          record(
              kind,
              policy,
              null,
              null,
              RunOutcome.Refused,
              start,
              settings.clock().instant(),
              refusal.exitCode(),
              refusal.getMessage(),
              lastSuccess));
      throw refusal;
    }
    RunMode mode = approved.mode();
    records.writeRun(
        record(
            kind,
            policy,
            approved.store(),
            mode,
            RunOutcome.Running,
            start,
            null,
            null,
            null,
            lastSuccess));
    LOG.info(
        "{} {}/{} ({} mode{}), store {}, credentials from {}, run {}",
        kind.command(),
        namespace,
        policyName,
        mode,
        approved.dryRun() ? ": nothing is deleted" : "",
        approved.store().getMetadata().getName(),
        credentials.source(),
        settings.runId());

    List<RulePlan> rules = approved.plan().rules();
    RunProgress progress = new RunProgress(namespace + "/" + policyName, rules.size());
    boolean failed = false;
    String message = null;
    try (RuleRunner runner = runner(kind, approved, storeCredentials)) {
      for (RulePlan rule : rules) {
        if (lease.lost()) {
          failed = true;
          message = "another run took the Lease; stopped before rule " + rule.name();
          break;
        }
        if (!runner.handles(rule)) {
          LOG.info(
              "{}: rule {} has no {} mechanism (a native feature enforces it); skipped",
              policyName,
              rule.name(),
              kind.command());
          continue;
        }
        Optional<String> failure = runRule(runner, rule, records, progress);
        if (failure.isPresent()) {
          failed = true;
          // The rule's own reason (and fix, for a refusal found by the engine) reaches Compliant's
          // message.
          message = "rule " + rule.name() + " failed: " + failure.get();
        }
      }
    } catch (Exception e) { // opening the connection or client
      failed = true;
      message = "cannot open the store: " + oneLine(e);
      LOG.error("{}: {}", policyName, message);
    }
    Instant end = settings.clock().instant();
    ExitCode exit = failed ? ExitCode.FAILED : ExitCode.SUCCEEDED;
    records.writeRun(
        record(
            kind,
            policy,
            approved.store(),
            mode,
            failed ? RunOutcome.Failed : RunOutcome.Succeeded,
            start,
            end,
            exit,
            message,
            failed ? lastSuccess : end.toString()));
    LOG.info(
        "{} {}/{}: {} in {} s",
        kind.command(),
        namespace,
        policyName,
        failed ? "failed" : "succeeded",
        Duration.between(start, end).toSeconds());
    return exit;
  }

  /**
   * Why the rule failed, empty when it finished; a failure is recorded on the rule and the run goes
   * on.
   */
  private Optional<String> runRule(
      RuleRunner runner, RulePlan rule, RunRecordStore records, RunProgress progress) {
    String started = settings.clock().instant().toString();
    records.writeRule(RuleResult.running(rule.name(), settings.runId(), started));
    progress.ruleStarting(rule.name());
    long t0 = System.nanoTime();
    try {
      RuleRunner.Counts c = runner.run(rule);
      RunOutcome outcome = c.failed() ? RunOutcome.Failed : RunOutcome.Succeeded;
      records.writeRule(
          new RuleResult(
              rule.name(),
              settings.runId(),
              outcome,
              started,
              settings.clock().instant().toString(),
              c.serverTime(),
              c.deleteCutoff(),
              c.consentedDeleteCutoff(),
              c.eraseCutoff(),
              c.listed(),
              c.deleted(),
              c.erased(),
              c.keptForConsent(),
              c.keptForLegalHold(),
              c.tooYoung(),
              c.nullTimestamps(),
              c.errors(),
              c.capReached(),
              c.backlog(),
              c.oldestDueAgeSeconds().orElse(null),
              c.failureText(),
              c.objectCopies()));
      progress.ruleDone(rule.name(), c, Duration.ofNanos(System.nanoTime() - t0));
      return Optional.ofNullable(c.failureText()).filter(text -> c.failed());
    } catch (JobRefusal refusal) {
      throw refusal;
    } catch (Exception e) {
      LOG.error("rule {} failed: {}", rule.name(), oneLine(e));
      records.writeRule(
          RuleResult.failed(
              rule.name(),
              settings.runId(),
              started,
              settings.clock().instant().toString(),
              oneLine(e)));
      progress.ruleFailed(rule.name());
      return Optional.of(oneLine(e));
    }
  }

  private static RuleRunner runner(JobKind kind, ApprovedRun approved, StoreCredentials credentials)
      throws Exception {
    var spec = approved.store().getSpec();
    return switch (kind) {
      case SWEEP ->
          spec.search != null
              ? new SearchRuleRunner(
                  spec.search, (StoreCredentials.Search) credentials, approved.dryRun())
              : new ObjectRuleRunner(
                  spec.objectStorage,
                  (StoreCredentials.ObjectStorage) credentials,
                  approved.dryRun(),
                  approved.coveredObjectPrefixes());
      case PURGE ->
          new SqlRuleRunner(spec.sql, (StoreCredentials.Sql) credentials, approved.dryRun());
    };
  }

  private RunRecord record(
      JobKind kind,
      RetentionPolicy policy,
      DataStore store,
      RunMode mode,
      RunOutcome outcome,
      Instant start,
      Instant end,
      ExitCode exit,
      String message,
      String lastSuccess) {
    return new RunRecord(
        settings.runId(),
        kind.command(),
        policy.getMetadata().getName(),
        policy.getMetadata().getUid(),
        policy.getMetadata().getGeneration(),
        store == null
            ? policy.getSpec().storeRef == null ? null : policy.getSpec().storeRef.name
            : store.getMetadata().getName(),
        mode,
        outcome,
        start.toString(),
        end == null ? null : end.toString(),
        start.plus(settings.deadline()).toString(),
        exit == null ? null : exit.code(),
        message,
        lastSuccess,
        List.of());
  }

  private static ExitCode refused(JobRefusal refusal) {
    LOG.error(
        "{} (exit code {}: {})",
        refusal.getMessage(),
        refusal.exitCode().code(),
        refusal.exitCode().meaning());
    return refusal.exitCode();
  }

  /**
   * Exception text for logs and the record: class and first line, which for SQL and S3 errors holds
   * no data.
   */
  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
