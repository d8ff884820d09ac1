package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.RuleRun;
import dev.ekyc.operator.api.v1alpha1.RunSummary;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordReader;
import dev.ekyc.operator.policy.CronSchedule;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.JobMechanism;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a policy's result record (the job's last run per rule) says about the job's health, read
 * against the plan: each rule's last run for the status, the time of the last success for the
 * metric, how far each rule's data may be past its promise ({@link RulePlan#overdueAfter()}), and
 * the problems that make the policy not Compliant: a failed or dead run, a run that should have
 * happened and did not, and overdue data.
 *
 * <p>Overdue is an upper bound: once a rule's run finished without backlog, no data without consent
 * older than its delete cutoff is left, so the oldest can be at most {@code now - cutoff} old; with
 * a backlog the job's own measure of the oldest data left is aged by the time since. A dry run
 * (Audit, --dry-run) deletes nothing, so it bounds nothing and no overdue value is given for it.
 */
public final class JobResults {
  public static final String JOB_FAILED = "JobFailed";
  public static final String JOB_MISSED = "JobMissed";
  public static final String OVERDUE = "DeletionOverdue";

  /**
   * A reason the policy is not Compliant, with what to look at. {@code key} is the part of the
   * message that stays the same while the problem lasts (an overdue rule's seconds grow): one event
   * per key, not per reconcile.
   */
  public record Problem(String reason, String message, String key) {
    public Problem(String reason, String message) {
      this(reason, message, message);
    }
  }

  /** The job timing the checks allow for: how late a run may start and how long it may take. */
  public record Allowance(Duration startingDeadline, Duration activeDeadline) {}

  private final Optional<RunRecord> record;
  private final Map<String, RuleRun> ruleRuns = new LinkedHashMap<>();
  private final Map<String, Long> overdueSeconds = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Instant lastSuccess;

  private JobResults(Optional<RunRecord> record, Instant lastSuccess) {
    this.record = record;
    this.lastSuccess = lastSuccess;
  }

  /**
   * @param cronJobCreated when the CronJob was created: the baseline for a missed first run, and
   *     the last-success metric's value until the first success
   */
  public static JobResults of(
      PolicyPlan plan,
      Optional<RunRecord> record,
      Instant cronJobCreated,
      boolean suspended,
      Allowance allowance,
      Instant now) {
    Instant lastSuccess =
        record.map(RunRecord::lastSuccessTime).flatMap(JobResults::instant).orElse(cronJobCreated);
    JobResults results = new JobResults(record, lastSuccess);
    record.ifPresent(r -> results.readRules(plan, r, now));
    if (suspended) {
      return results; // the policy is not Ready: its own conditions say why; no run is expected
    }
    record.ifPresent(
        r -> {
          RunOutcome outcome = r.effectiveOutcome(now);
          if (RunOutcome.Failed.equals(outcome)
              || RunOutcome.Refused.equals(outcome)
              || RunOutcome.Died.equals(outcome)) {
            results.problems.add(
                new Problem(
                    JOB_FAILED,
                    "the last "
                        + r.command()
                        + " run "
                        + r.runId()
                        + " "
                        + (RunOutcome.Died.equals(outcome)
                            ? "died (still Running past its deadline " + r.deadline() + ")"
                            : outcome.name().toLowerCase()
                                + (r.exitCode() == null ? "" : " with exit code " + r.exitCode()))
                        + (r.message() == null ? "" : ": " + r.message())));
          }
        });
    Duration gap = CronSchedule.parse(plan.schedule()).longestGap();
    Instant due =
        lastSuccess.plus(gap).plus(allowance.startingDeadline()).plus(allowance.activeDeadline());
    if (now.isAfter(due)) {
      results.problems.add(
          new Problem(
              JOB_MISSED,
              "no successful run since "
                  + lastSuccess
                  + " although '"
                  + plan.schedule()
                  + "' runs at least every "
                  + DurationText.format(gap)
                  + " (plus "
                  + allowance.startingDeadline().toSeconds()
                  + " s to start and "
                  + allowance.activeDeadline().toSeconds()
                  + " s to run): see the CronJob's Jobs and their pods' logs"));
    }
    results.overdueSeconds.forEach(
        (rule, seconds) -> {
          if (seconds > allowance.startingDeadline().toSeconds()) {
            String key = "rule " + rule + ": data may be up to";
            results.problems.add(
                new Problem(OVERDUE, key + " " + seconds + " s past its promise", key));
          }
        });
    return results;
  }

  private void readRules(PolicyPlan plan, RunRecord run, Instant now) {
    for (RulePlan rule : plan.rules()) {
      if (!isJobRule(rule)) {
        continue;
      }
      Optional<RuleResult> result =
          run.rules().stream().filter(r -> rule.name().equals(r.rule())).findFirst();
      result.ifPresent(
          r -> {
            boolean sameRun = r.runId() != null && r.runId().equals(run.runId());
            ruleRuns.put(
                rule.name(),
                ruleRun(
                    r, sameRun ? run.effectiveOutcome(now) : null, sameRun && run.reportOnly()));
            if (!(sameRun && run.reportOnly())) {
              bound(r, now)
                  .ifPresent(
                      age ->
                          overdueSeconds.put(
                              rule.name(),
                              Math.max(0L, age.minus(rule.overdueAfter()).toSeconds())));
            }
          });
    }
  }

  /**
   * The oldest age data without consent that the rule selects can have now, if the last result
   * bounds it.
   */
  private static Optional<Duration> bound(RuleResult result, Instant now) {
    if (!RunOutcome.Succeeded.equals(result.outcome())) {
      return Optional.empty();
    }
    if (!Boolean.TRUE.equals(result.backlog())) {
      return instant(result.deleteCutoff()).map(cutoff -> Duration.between(cutoff, now));
    }
    if (result.oldestDueAgeSeconds() != null) {
      return instant(result.completionTime())
          .map(
              end ->
                  Duration.ofSeconds(result.oldestDueAgeSeconds())
                      .plus(Duration.between(end, now)));
    }
    return Optional.empty();
  }

  /** Rules whose primary mechanism is a job's: the rules a sweep or purge run reports on. */
  public static boolean isJobRule(RulePlan rule) {
    return rule.mechanisms().stream().anyMatch(JobMechanism.class::isInstance);
  }

  private static RuleRun ruleRun(RuleResult r, RunOutcome runOutcome, boolean dryRun) {
    RuleRun run = new RuleRun();
    run.runId = r.runId();
    // A rule still Running in a run that died is reported as the run is.
    RunOutcome outcome =
        r.outcome() == RunOutcome.Running && runOutcome == RunOutcome.Died
            ? RunOutcome.Died
            : r.outcome();
    run.outcome = outcome == null ? null : outcome.name();
    run.dryRun = dryRun ? Boolean.TRUE : null;
    run.startTime = r.startTime();
    run.completionTime = r.completionTime();
    run.serverTime = r.serverTime();
    run.deleteCutoff = r.deleteCutoff();
    run.deleted = r.deleted();
    run.erased = r.erased();
    run.keptForConsent = r.keptForConsent();
    run.keptForLegalHold = r.keptForLegalHold();
    run.tooYoung = r.tooYoung();
    run.nullTimestamps = r.nullTimestamps();
    run.errors = r.errors();
    run.capReached = r.capReached();
    run.backlog = r.backlog();
    run.oldestDueAgeSeconds = r.oldestDueAgeSeconds();
    run.error = r.error();
    if (r.objectCopies() != null) {
      run.bucketVersioning = r.objectCopies().bucketVersioning();
      run.removedDeleteMarkers = r.objectCopies().removedDeleteMarkers();
      run.abortedUploads = r.objectCopies().abortedUploads();
      run.keptLocked = r.objectCopies().keptLocked();
      run.lockedUntil = r.objectCopies().lockedUntil();
      run.hiddenNotErased = r.objectCopies().hiddenNotErased();
    }
    return run;
  }

  private static Optional<Instant> instant(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  public Map<String, RuleRun> ruleRuns() {
    return ruleRuns;
  }

  public Map<String, Long> overdueSeconds() {
    return overdueSeconds;
  }

  public List<Problem> problems() {
    return problems;
  }

  /** Completion of the last successful run, or the CronJob's creation before the first one. */
  public Instant lastSuccess() {
    return lastSuccess;
  }

  public Optional<RunSummary> summary(Instant now) {
    return record.map(r -> RunRecordReader.summary(r, now));
  }

  public Optional<RunRecord> record() {
    return record;
  }
}
