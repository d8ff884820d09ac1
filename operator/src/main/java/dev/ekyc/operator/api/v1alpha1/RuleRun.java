package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The last sweep or purge run of one rule, as the job recorded it (counts only, never keys or row
 * values).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuleRun {
  @JsonPropertyDescription("Identifier of the run (job pod name plus a random part).")
  public String runId;

  @JsonPropertyDescription(
      "Running, Succeeded, Failed, or Died (still Running past the run's deadline).")
  public String outcome;

  @JsonPropertyDescription(
      "True when nothing was deleted by design (Audit mode or --dry-run): counts say what would"
          + " have been deleted.")
  public Boolean dryRun;

  @JsonPropertyDescription("When the rule's run started (RFC 3339).")
  public String startTime;

  @JsonPropertyDescription("When the rule's run ended (RFC 3339).")
  public String completionTime;

  @JsonPropertyDescription("The backend server's time the cutoffs were computed from (RFC 3339).")
  public String serverTime;

  @JsonPropertyDescription("Data without consent created before this time was due (RFC 3339).")
  public String deleteCutoff;

  @JsonPropertyDescription("Objects or rows deleted (would have been, in a dry run).")
  public Long deleted;

  @JsonPropertyDescription("Rows whose sensitive columns were erased.")
  public Long erased;

  @JsonPropertyDescription("Kept because consent is recorded.")
  public Long keptForConsent;

  @JsonPropertyDescription("Kept because of a legal hold.")
  public Long keptForLegalHold;

  @JsonPropertyDescription("Not yet due.")
  public Long tooYoung;

  @JsonPropertyDescription("Rows whose timestamp column is NULL (never deleted by age).")
  public Long nullTimestamps;

  @JsonPropertyDescription("Deletions that failed.")
  public Long errors;

  @JsonPropertyDescription("The policy's deletion cap stopped the run.")
  public Boolean capReached;

  @JsonPropertyDescription("Due data remained when the run ended (cap reached, errors).")
  public Boolean backlog;

  @JsonPropertyDescription(
      "Age in seconds of the oldest due data the run saw and left; 0 when none was left.")
  public Long oldestDueAgeSeconds;

  @JsonPropertyDescription("Why the rule failed, when it did.")
  public String error;

  @JsonPropertyDescription(
      "Object rules: the bucket's versioning when the rule ran (Unversioned, Enabled, Suspended,"
          + " NotSupported); with Enabled or Suspended, deleted counts versions deleted by version ID.")
  public String bucketVersioning;

  @JsonPropertyDescription(
      "Object rules: delete markers removed because nothing of their key was left behind them.")
  public Long removedDeleteMarkers;

  @JsonPropertyDescription(
      "Object rules: unfinished multipart uploads aborted (initiated before the delete cutoff).")
  public Long abortedUploads;

  @JsonPropertyDescription(
      "Object rules: due versions kept because their Object Lock retention had not ended.")
  public Long keptLocked;

  @JsonPropertyDescription(
      "Object rules: the latest Object Lock retain-until date among the versions kept locked"
          + " (RFC 3339): they cannot go before it.")
  public String lockedUntil;

  @JsonPropertyDescription(
      "Object rules: deletions the store answered with a delete marker: the data is still"
          + " readable by version ID, so the rule failed. Never part of deleted.")
  public Long hiddenNotErased;
}
