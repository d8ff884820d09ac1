package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** How one rule is enforced and what that guarantees. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RuleStatus {
  @JsonPropertyDescription("Rule name.")
  public String name;

  @JsonPropertyDescription("What the rule selects, e.g. s3://bucket/liveness/ or table api_calls.")
  public String target;

  @JsonPropertyDescription(
      "Mechanisms that enforce the rule, primary first, e.g. Sweeper, LifecycleRule.")
  public List<String> mechanisms = new ArrayList<>();

  @JsonPropertyDescription("Cron schedule of the rule's job, when it has one.")
  public String schedule;

  @JsonPropertyDescription(
      "Oldest age data without consent can reach while the mechanisms work, e.g. 2h15m.")
  public String worstCaseAge;

  @JsonPropertyDescription(
      "Oldest age data with recorded consent can reach, when the rule has a consent condition.")
  public String worstCaseAgeWithConsent;

  @JsonPropertyDescription(
      "Oldest age sensitive columns of rows without consent can reach, when the rule has them.")
  public String sensitiveWorstCaseAge;

  @JsonPropertyDescription(
      "The rule's promise (spec deleteWithin) for data without consent, when stated.")
  public String deleteWithin;

  @JsonPropertyDescription(
      "The promise for data kept with consent (withConsent.deleteWithin), when stated.")
  public String deleteWithinWithConsent;

  @JsonPropertyDescription(
      "The promise for sensitive columns of rows without consent, when stated.")
  public String sensitiveDeleteWithin;

  @JsonPropertyDescription(
      "The ConsentPolicy's erasureAfterWithdrawal, when the rule keeps data on consent.")
  public String erasureAfterWithdrawal;

  @JsonPropertyDescription(
      "Longest time consent-only data is kept after consent is withdrawn (the jobs' gap).")
  public String withdrawalWorstCaseAge;

  @JsonPropertyDescription("Human-readable explanation of the guarantee.")
  public String message;

  @JsonPropertyDescription(
      "The rule's native backend mechanisms (S3 lifecycle rules, ILM/ISM policies) as last"
          + " verified on the backend.")
  public List<AppliedMechanism> applied = new ArrayList<>();

  @JsonPropertyDescription(
      "The last sweep or purge run of this rule, from the job's result record.")
  public RuleRun lastRun;

  @JsonPropertyDescription(
      "The oldest data the store really holds that the rule does not keep, one entry per kind (rows, sensitive values,"
          + " index), read from the store on the drift interval.")
  public List<ObservedOldest> oldest = new ArrayList<>();

  @JsonPropertyDescription(
      "Copies outside the live store (binary log, open transaction, snapshots, declared backups), e.g."
          + " 'live 2h; binlog ≤ 7d; snapshots unbounded'.")
  public List<ResidualStatus> residuals = new ArrayList<>();

  @JsonPropertyDescription(
      "One line: the live worst case and every residual copy, e.g. 'live 2h15m; binlog ≤ 7d'.")
  public String copies;
}
