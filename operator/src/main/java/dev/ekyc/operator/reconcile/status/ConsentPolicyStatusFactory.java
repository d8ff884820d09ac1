package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicyStatus;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.reconcile.informer.NamespaceResources;
import dev.ekyc.operator.reconcile.informer.PolicyReferences;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a ConsentPolicy's status: which RetentionPolicies use it, and whether the core found it
 * consistent.
 */
public final class ConsentPolicyStatusFactory {
  public static final String VALID = "Valid";
  public static final String INVALID_POLICY = "InvalidPolicy";

  private ConsentPolicyStatusFactory() {}

  public static ConsentPolicyStatus from(
      ConsentPolicy consent, NamespaceResources resources, EnforcementPlan plan, Instant now) {
    long generation =
        consent.getMetadata().getGeneration() == null ? 0L : consent.getMetadata().getGeneration();
    String name = consent.getMetadata().getName();
    ConsentPolicyStatus status = new ConsentPolicyStatus();
    status.observedGeneration = generation;
    status.usedBy =
        resources.retentionPolicies().stream()
            .filter(p -> PolicyReferences.consentPolicies(p).contains(name))
            .map(p -> p.getMetadata().getName())
            .sorted()
            .toList();
    List<Problem> problems = plan.problemsOf(ResourceRef.of(consent));
    List<Problem> errors = problems.stream().filter(Problem::isError).toList();
    List<Condition> desired;
    if (!errors.isEmpty()) {
      desired = Conditions.stalled(generation, INVALID_POLICY, join(errors));
    } else {
      String use =
          status.usedBy.isEmpty()
              ? "not used by any RetentionPolicy"
              : "used by " + String.join(", ", status.usedBy);
      String warnings = problems.isEmpty() ? "" : ". Warnings: " + join(problems);
      desired = Conditions.ready(generation, VALID, use + warnings);
    }
    status.conditions =
        Conditions.withTransitionTimes(
            desired, consent.getStatus() == null ? List.of() : consent.getStatus().conditions, now);
    return status;
  }

  private static String join(List<Problem> problems) {
    return problems.stream().map(Problem::describe).collect(Collectors.joining("; "));
  }
}
