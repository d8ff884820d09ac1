package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Retention rules for the data in one DataStore. */
@ValidationRule(
    value = "self.rules.all(r, self.rules.exists_one(s, s.name == r.name))",
    message = "rule names must be unique within the policy")
@ValidationRule(
    value = "!has(self.schedule) || self.schedule.matches('^\\\\s*(\\\\S+\\\\s+){4}\\\\S+\\\\s*$')",
    message =
        "schedule must be five cron fields, minute hour day-of-month month day-of-week (UTC, no @hourly),"
            + " e.g. '17 * * * *' or '*/15 * * * *'",
    fieldPath = ".schedule")
public class RetentionPolicySpec {
  @Required
  @JsonPropertyDescription("The DataStore (same namespace) the rules apply to.")
  public LocalObjectReference storeRef;

  @Default("Enforce")
  @JsonPropertyDescription(
      "Enforce: configure lifecycle features and delete. Audit: report drift and what would be deleted, change"
          + " nothing.")
  public EnforcementMode mode = EnforcementMode.Enforce;

  @Size(max = 128)
  @JsonPropertyDescription(
      "Cron schedule (5 fields, UTC) of the sweep and purge jobs. Default: every 15 minutes when a rule has a"
          + " sub-day duration, otherwise hourly. The worst-case age includes the longest gap between runs.")
  public String schedule;

  @JsonPropertyDescription("Deletion caps and legal holds.")
  public SafetySpec safety;

  @Required
  @Size(min = 1, max = 50)
  @JsonPropertyDescription("The rules, one per kind of data.")
  public List<RetentionRule> rules;
}
