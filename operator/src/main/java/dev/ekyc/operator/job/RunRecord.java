package dev.ekyc.operator.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The last run of a policy as a whole (the per-rule results are {@link RuleResult}s next to it).
 * Written as Running before anything is deleted and rewritten at the end, so a run that died half
 * way stays visible: a Running record past its {@code deadline} is a dead run ({@link
 * #effectiveOutcome}).
 *
 * @param mode Enforce, Audit (policy mode) or DryRun (--dry-run); in the last two nothing was
 *     deleted
 * @param outcome Running, Succeeded, Failed or Refused
 * @param exitCode the process's exit code once finished
 * @param lastSuccessTime completion of the last Succeeded run, carried over from record to record
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
    String runId,
    String command,
    String policy,
    String policyUid,
    Long policyGeneration,
    String store,
    RunMode mode,
    RunOutcome outcome,
    String startTime,
    String completionTime,
    String deadline,
    Integer exitCode,
    String message,
    String lastSuccessTime,
    @JsonIgnore List<RuleResult> rules) {

  public RunRecord {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  RunRecord withRules(List<RuleResult> newRules) {
    return new RunRecord(
        runId,
        command,
        policy,
        policyUid,
        policyGeneration,
        store,
        mode,
        outcome,
        startTime,
        completionTime,
        deadline,
        exitCode,
        message,
        lastSuccessTime,
        newRules);
  }

  /**
   * The stored outcome, except that a Running record past its deadline is {@link RunOutcome#Died}.
   */
  public RunOutcome effectiveOutcome(Instant now) {
    if (outcome == RunOutcome.Running && deadline != null && now.isAfter(Instant.parse(deadline))) {
      return RunOutcome.Died;
    }
    return outcome;
  }

  /** Whether nothing was deleted by design (Audit mode or --dry-run). */
  @JsonIgnore
  public boolean reportOnly() {
    return mode == null || mode.reportOnly();
  }
}
