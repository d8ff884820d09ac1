package dev.ekyc.operator.receipt;

import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The receipts of one job run, from its result record and the plan it ran under: one {@code Run}
 * receipt (the run as a whole: job identity, mode, outcome, exit code, times) and one {@code
 * RuleRun} per rule the run reached (counts per outcome, cutoffs, the backend's time, cap and
 * backlog, oldest observed due data, the rule's purpose and legal basis). Only names, times and
 * counts are copied: the record's free-text fields (the run's message, a rule's error) can quote a
 * backend's answer, so they never reach a receipt.
 */
public final class RunReceipts {
  private RunReceipts() {}

  /** The store as receipts name it. */
  public record Store(String namespace, String name, String type, String jurisdiction) {}

  /**
   * @param outcome the run's outcome as judged now (a Running record past its deadline, or replaced
   *     while Running, is {@link RunOutcome#Died}); its Running rules then died with it
   */
  public static List<Receipt> of(
      RunRecord run,
      RunOutcome outcome,
      Store store,
      Optional<PolicyPlan> plan,
      String recordedAt) {
    List<Receipt> receipts = new ArrayList<>();
    receipts.add(
        base(Receipt.RUN, run, store, recordedAt)
            .outcome(outcome.name())
            .times(run.startTime(), run.completionTime(), null)
            .build());
    for (RuleResult rule : run.rules()) {
      if (!run.runId().equals(rule.runId())) {
        continue; // a rule this run never reached keeps an earlier run's result: not this run's
        // receipt
      }
      Optional<RulePlan> rulePlan =
          plan.flatMap(
              p -> p.rules().stream().filter(r -> r.name().equals(rule.rule())).findFirst());
      RunOutcome ruleOutcome =
          rule.outcome() == RunOutcome.Running && outcome == RunOutcome.Died
              ? RunOutcome.Died
              : rule.outcome();
      ReceiptBuilder b =
          base(Receipt.RULE_RUN, run, store, recordedAt)
              .rule(
                  rule.rule(),
                  rulePlan.map(RulePlan::purpose).orElse(null),
                  rulePlan
                      .map(r -> r.legalBasis() == null ? null : r.legalBasis().name())
                      .orElse(null))
              .outcome(ruleOutcome == null ? null : ruleOutcome.name())
              .times(rule.startTime(), rule.completionTime(), rule.serverTime())
              .cutoff("delete", rule.deleteCutoff())
              .cutoff("consentedDelete", rule.consentedDeleteCutoff())
              .cutoff("erase", rule.eraseCutoff())
              .count("listed", rule.listed())
              .count("deleted", rule.deleted())
              .count("erased", rule.erased())
              .count("keptForConsent", rule.keptForConsent())
              .count("keptForLegalHold", rule.keptForLegalHold())
              .count("tooYoung", rule.tooYoung())
              .count("nullTimestamps", rule.nullTimestamps())
              .count("errors", rule.errors())
              .cap(
                  plan.map(PolicyPlan::maxDeletionsPerRun).orElse(null),
                  rule.capReached(),
                  rule.backlog())
              .oldestObservedAgeSeconds(rule.oldestDueAgeSeconds());
      receipts.add(b.build());
    }
    return receipts;
  }

  private static ReceiptBuilder base(String kind, RunRecord run, Store store, String recordedAt) {
    return Receipt.builder(kind)
        .store(store.namespace(), store.name(), store.type(), store.jurisdiction())
        .policy(run.policy(), run.policyUid(), run.policyGeneration())
        .job(run.runId(), run.command(), run.exitCode())
        .mode(run.mode() == null ? null : run.mode().name())
        .recordedAt(recordedAt);
  }
}
