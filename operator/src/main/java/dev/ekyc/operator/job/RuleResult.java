package dev.ekyc.operator.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The last run of one rule, as stored in the result record. Counts only, never keys or row values.
 * A count is null where the engine cannot tell (for example objects have no NULL timestamps; the
 * SQL engine does not count rows kept for consent or too young). Times are RFC 3339 UTC; {@code
 * serverTime} is the backend's clock that the cutoffs were computed from.
 *
 * @param outcome Running, Succeeded or Failed
 * @param oldestDueAgeSeconds age of the oldest data the run saw that is still due, by the backend's
 *     clock: 0 when the run finished the rule without backlog or errors; with a backlog, the oldest
 *     due row or index left, or for objects the due object where the cap stopped the listing (a
 *     lower bound); null after errors
 * @param objectCopies for object rules, the versions, delete markers, unfinished uploads and locked
 *     versions counted separately; null for other stores (and in records written before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleResult(
    String rule,
    String runId,
    RunOutcome outcome,
    String startTime,
    String completionTime,
    String serverTime,
    String deleteCutoff,
    String consentedDeleteCutoff,
    String eraseCutoff,
    Long listed,
    Long deleted,
    Long erased,
    Long keptForConsent,
    Long keptForLegalHold,
    Long tooYoung,
    Long nullTimestamps,
    Long errors,
    Boolean capReached,
    Boolean backlog,
    Long oldestDueAgeSeconds,
    String error,
    ObjectCopies objectCopies) {

  /** A result without object copies (SQL, search, or a record written before they were counted). */
  public RuleResult(
      String rule,
      String runId,
      RunOutcome outcome,
      String startTime,
      String completionTime,
      String serverTime,
      String deleteCutoff,
      String consentedDeleteCutoff,
      String eraseCutoff,
      Long listed,
      Long deleted,
      Long erased,
      Long keptForConsent,
      Long keptForLegalHold,
      Long tooYoung,
      Long nullTimestamps,
      Long errors,
      Boolean capReached,
      Boolean backlog,
      Long oldestDueAgeSeconds,
      String error) {
    this(
        rule,
        runId,
        outcome,
        startTime,
        completionTime,
        serverTime,
        deleteCutoff,
        consentedDeleteCutoff,
        eraseCutoff,
        listed,
        deleted,
        erased,
        keptForConsent,
        keptForLegalHold,
        tooYoung,
        nullTimestamps,
        errors,
        capReached,
        backlog,
        oldestDueAgeSeconds,
        error,
        null);
  }

  public static RuleResult running(String rule, String runId, String startTime) {
    return new RuleResult(
        rule,
        runId,
        RunOutcome.Running,
        startTime,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public static RuleResult failed(
      String rule, String runId, String startTime, String completionTime, String error) {
    return new RuleResult(
        rule,
        runId,
        RunOutcome.Failed,
        startTime,
        completionTime,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        error,
        null);
  }
}
