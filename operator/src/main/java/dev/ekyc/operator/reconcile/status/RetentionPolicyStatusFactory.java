package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicyStatus;
import dev.ekyc.operator.api.v1alpha1.RuleStatus;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.JobMechanism;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StoreTypes;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import dev.ekyc.operator.reconcile.informer.PolicyReferences;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes a compiled plan into a RetentionPolicy's status. The plan and its problems come from the
 * policy core; this class only picks the condition that tells the user what to do first:
 * StoreNotFound, ConsentPolicyNotFound, InvalidPolicy (all need the user), StoreNotReady (waits),
 * Planned.
 */
public final class RetentionPolicyStatusFactory {
  public static final String PLANNED = "Planned";
  public static final String STORE_NOT_FOUND = "StoreNotFound";
  public static final String CONSENT_POLICY_NOT_FOUND = "ConsentPolicyNotFound";
  public static final String INVALID_POLICY = "InvalidPolicy";
  public static final String STORE_NOT_READY = "StoreNotReady";
  public static final String NOT_PLANNED = "NotPlanned";

  private RetentionPolicyStatusFactory() {}

  public static RetentionPolicyStatus from(
      RetentionPolicy policy,
      NamespaceResources resources,
      EnforcementPlan plan,
      boolean dryRun,
      Instant now) {
    long generation =
        policy.getMetadata().getGeneration() == null ? 0L : policy.getMetadata().getGeneration();
    ResourceRef ref = ResourceRef.of(policy);
    Optional<DataStore> store = PolicyReferences.store(policy).flatMap(resources::store);
    Optional<PolicyPlan> policyPlan = plan.policy(ref);
    List<Problem> problems = plan.problemsOf(ref);

    RetentionPolicyStatus status = new RetentionPolicyStatus();
    status.observedGeneration = generation;
    status.storeType =
        policyPlan
            .map(PolicyPlan::storeType)
            .or(() -> store.flatMap(s -> StoreTypes.of(s.getSpec())))
            .orElse(null);
    status.ruleCount =
        policy.getSpec() == null || policy.getSpec().rules == null
            ? 0
            : policy.getSpec().rules.size();
    policyPlan.ifPresent(
        p -> {
          // A refused policy guarantees nothing: its worst case would read as a guarantee.
          status.worstCaseAge =
              p.worstCaseAge() == null || !p.enforceable()
                  ? null
                  : DurationText.format(p.worstCaseAge());
          status.deleteWithin = p.promise() == null ? null : DurationText.format(p.promise());
          status.rules = p.rules().stream().map(RetentionPolicyStatusFactory::ruleStatus).toList();
        });
    if (policy.getStatus() != null) {
      status.lastRun = policy.getStatus().lastRun; // written by the deletion jobs, not by planning
    }
    List<Condition> desired =
        conditions(policy, generation, resources, store, policyPlan, problems, dryRun);
    status.conditions =
        Conditions.withTransitionTimes(
            desired, policy.getStatus() == null ? List.of() : policy.getStatus().conditions, now);
    return status;
  }

  private static List<Condition> conditions(
      RetentionPolicy policy,
      long generation,
      NamespaceResources resources,
      Optional<DataStore> store,
      Optional<PolicyPlan> policyPlan,
      List<Problem> problems,
      boolean dryRun) {
    String namespace = policy.getMetadata().getNamespace();
    if (store.isEmpty()) {
      String fallback =
          "DataStore "
              + PolicyReferences.store(policy).orElse("(none)")
              + " not found in namespace "
              + namespace
              + ": create it, or correct spec.storeRef.name";
      return Conditions.stalled(
          generation, STORE_NOT_FOUND, describeOr(errors(problems), fallback));
    }
    List<String> missingConsent =
        PolicyReferences.consentPolicies(policy).stream()
            .filter(name -> !resources.hasConsentPolicy(name))
            .toList();
    if (!missingConsent.isEmpty()) {
      return Conditions.stalled(
          generation,
          CONSENT_POLICY_NOT_FOUND,
          "ConsentPolicy "
              + String.join(", ", missingConsent)
              + " not found in namespace "
              + namespace
              + ": create it, or correct the rules' consentPolicyRef");
    }
    List<Problem> errors = errors(problems);
    if (!errors.isEmpty() || policyPlan.map(p -> !p.enforceable()).orElse(false)) {
      return Conditions.stalled(
          generation,
          INVALID_POLICY,
          describeOr(errors, "the policy core marked the policy as not enforceable"));
    }
    if (policyPlan.isEmpty()) {
      return Conditions.progressing(
          generation, NOT_PLANNED, "the policy core produced no plan for this policy yet");
    }
    List<Condition> storeConditions =
        store.get().getStatus() == null ? null : store.get().getStatus().conditions;
    if (!Conditions.isTrue(storeConditions, Conditions.READY)) {
      String why =
          Conditions.find(storeConditions, Conditions.READY)
              .map(c -> c.getReason() + ": " + c.getMessage())
              .orElse("not probed yet");
      return Conditions.progressing(
          generation,
          STORE_NOT_READY,
          "DataStore " + store.get().getMetadata().getName() + " is not Ready (" + why + ")");
    }
    return Conditions.ready(
        generation, PLANNED, plannedMessage(policy, policyPlan.get(), problems, dryRun));
  }

  private static String plannedMessage(
      RetentionPolicy policy, PolicyPlan plan, List<Problem> problems, boolean dryRun) {
    StringBuilder text = new StringBuilder();
    text.append(plan.rules().size())
        .append(plan.rules().size() == 1 ? " rule" : " rules")
        .append(" planned");
    if (plan.worstCaseAge() != null) {
      text.append(", worst-case age ").append(DurationText.format(plan.worstCaseAge()));
    }
    EnforcementMode mode = plan.mode() == null ? EnforcementMode.Enforce : plan.mode();
    text.append(", mode ")
        .append(dryRun ? EnforcementMode.Audit + " (the operator runs with --dry-run)" : mode);
    String warnings =
        problems.stream()
            .filter(p -> !p.isError())
            .map(Problem::describe)
            .collect(Collectors.joining("; "));
    if (!warnings.isEmpty()) {
      text.append(". Warnings: ").append(warnings);
    }
    return text.toString();
  }

  static RuleStatus ruleStatus(RulePlan rule) {
    RuleStatus status = new RuleStatus();
    status.name = rule.name();
    status.target = rule.target();
    status.mechanisms =
        rule.mechanisms().stream()
            .map(m -> m.kind() + " (" + m.role().name().toLowerCase(Locale.ROOT) + ")")
            .toList();
    status.schedule =
        rule.mechanisms().stream()
            .map(RetentionPolicyStatusFactory::scheduleOf)
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(null);
    status.worstCaseAge =
        rule.worstCaseAge() == null ? null : DurationText.format(rule.worstCaseAge());
    status.worstCaseAgeWithConsent =
        rule.worstCaseAgeWithConsent() == null
            ? null
            : DurationText.format(rule.worstCaseAgeWithConsent());
    status.sensitiveWorstCaseAge =
        rule.sensitiveWorstCaseAge() == null
            ? null
            : DurationText.format(rule.sensitiveWorstCaseAge());
    status.deleteWithin = formatOrNull(rule.promises().deleteWithin());
    status.deleteWithinWithConsent = formatOrNull(rule.promises().deleteWithinWithConsent());
    status.sensitiveDeleteWithin = formatOrNull(rule.promises().sensitiveDeleteWithin());
    status.erasureAfterWithdrawal = formatOrNull(rule.promises().erasureAfterWithdrawal());
    status.withdrawalWorstCaseAge = formatOrNull(rule.promises().withdrawalWorstCaseAge());
    status.message = rule.explanation();
    return status;
  }

  private static String formatOrNull(java.time.Duration d) {
    return d == null ? null : DurationText.format(d);
  }

  /**
   * Only the job-based mechanisms run on a schedule; native lifecycle features run on the backend's
   * own.
   */
  private static Optional<String> scheduleOf(Mechanism mechanism) {
    return mechanism instanceof JobMechanism job
        ? Optional.ofNullable(job.schedule())
        : Optional.empty();
  }

  private static List<Problem> errors(List<Problem> problems) {
    return problems.stream().filter(Problem::isError).toList();
  }

  private static String describeOr(List<Problem> problems, String fallback) {
    return problems.isEmpty()
        ? fallback
        : problems.stream().map(Problem::describe).collect(Collectors.joining("; "));
  }
}
