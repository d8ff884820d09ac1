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

  @JsonPropertyDescription("Mechanisms that enforce the rule, primary first, e.g. Sweeper, LifecycleRule.")
  public List<String> mechanisms = new ArrayList<>();

  @JsonPropertyDescription("Cron schedule of the rule's job, when it has one.")
  public String schedule;

  @JsonPropertyDescription("Oldest age data without consent can reach while the mechanisms work, e.g. 2h15m.")
  public String worstCaseAge;

  @JsonPropertyDescription("Oldest age data with recorded consent can reach, when the rule has a consent condition.")
  public String worstCaseAgeWithConsent;

  @JsonPropertyDescription("Oldest age sensitive columns of rows without consent can reach, when the rule has them.")
  public String sensitiveWorstCaseAge;

  @JsonPropertyDescription("Human-readable explanation of the guarantee.")
  public String message;

  @JsonPropertyDescription("The rule's native backend mechanisms (S3 lifecycle rules, ILM/ISM policies) as last"
      + " verified on the backend.")
  public List<AppliedMechanism> applied = new ArrayList<>();
}
