package dev.ekyc.operator.job;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The last run of a policy as a whole (the per-rule results are {@link RuleResult}s next to it). Written as
 * Running before anything is deleted and rewritten at the end, so a run that died half way stays visible: a
 * Running record past its {@code deadline} is a dead run ({@link #effectiveOutcome}).
 *
 * @param mode Enforce, Audit (policy mode) or DryRun (--dry-run); in the last two nothing was deleted
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
    String mode,
    String outcome,
    String startTime,
    String completionTime,
    String deadline,
    Integer exitCode,
    String message,
    String lastSuccessTime,
    @JsonIgnore List<RuleResult> rules) {

  public static final String RUNNING = "Running";
  public static final String SUCCEEDED = "Succeeded";
  public static final String FAILED = "Failed";
  public static final String REFUSED = "Refused";
  /** Not stored: what a reader calls a Running record whose deadline has passed. */
  public static final String DIED = "Died";

  public RunRecord {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  RunRecord withRules(List<RuleResult> newRules) {
    return new RunRecord(runId, command, policy, policyUid, policyGeneration, store, mode, outcome, startTime,
        completionTime, deadline, exitCode, message, lastSuccessTime, newRules);
  }

  /** The stored outcome, except that a Running record past its deadline is {@link #DIED}. */
  public String effectiveOutcome(Instant now) {
    if (RUNNING.equals(outcome) && deadline != null && now.isAfter(Instant.parse(deadline))) {
      return DIED;
    }
    return outcome;
  }

  /** Whether nothing was deleted by design (Audit mode or --dry-run). */
  @JsonIgnore
  public boolean reportOnly() {
    return !"Enforce".equals(mode);
  }
}
