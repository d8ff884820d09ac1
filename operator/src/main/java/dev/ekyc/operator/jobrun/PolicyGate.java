package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.ConditionTypes;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.objectstore.CopyCoverage;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.policy.ResourceRef;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Decides whether a job may run a policy: compiled by the same {@link PolicyCompiler} as the
 * operator from the current resources, it must exist, be free of errors and conflicts, fit the
 * command's store type, and its DataStore must be Ready (the operator's last probe reached the
 * backend with the current spec). Each refusal has its own exit code.
 */
public final class PolicyGate {
  private final PolicyCompiler compiler = new PolicyCompiler();

  /** The policy as read, or a refusal naming where it was looked for. */
  public static RetentionPolicy find(PolicyInputs inputs, String namespace, String policyName) {
    return inputs.retentionPolicies().stream()
        .filter(
            p ->
                namespace.equals(p.getMetadata().getNamespace())
                    && policyName.equals(p.getMetadata().getName()))
        .findFirst()
        .orElseThrow(
            () ->
                new JobRefusal(
                    ExitCode.POLICY_NOT_FOUND,
                    "RetentionPolicy "
                        + namespace
                        + "/"
                        + policyName
                        + " does not exist: check --namespace and --policy (kubectl get ekrp -n "
                        + namespace
                        + ")"));
  }

  public ApprovedRun check(
      PolicyInputs inputs, String namespace, String policyName, JobKind kind, boolean dryRun) {
    RetentionPolicy policy = find(inputs, namespace, policyName);
    ResourceRef ref = ResourceRef.of(policy);
    EnforcementPlan plan = compiler.compile(inputs);
    List<Problem> errors = errorsOf(plan, ref);
    if (!errors.isEmpty() && inConflict(inputs, policy, ref)) {
      throw new JobRefusal(
          ExitCode.POLICY_CONFLICT,
          "refusing to run "
              + ref
              + ": it is in conflict, nothing is"
              + " deleted until that is resolved:\n  "
              + describe(errors));
    }
    PolicyPlan compiled = plan.policy(ref).orElse(null);
    if (!errors.isEmpty() || compiled == null || !compiled.enforceable()) {
      throw new JobRefusal(
          ExitCode.POLICY_INVALID,
          "refusing to run "
              + ref
              + ": the policy is not enforceable:\n  "
              + (errors.isEmpty()
                  ? "see kubectl describe ekrp " + policyName + " -n " + namespace
                  : describe(errors)));
    }
    if (!kind.worksOn(compiled.storeType())) {
      throw new JobRefusal(
          ExitCode.WRONG_STORE_TYPE,
          "refusing to run "
              + ref
              + " with '"
              + kind.command()
              + "': its"
              + " store "
              + compiled.store().name()
              + " is "
              + compiled.storeType()
              + ", and '"
              + kind.command()
              + "' works on "
              + kind.storeTypesText()
              + " stores: "
              + JobKind.commandFor(compiled.storeType()));
    }
    if (compiled.storeType() == StoreType.Search && compiled.schedule() == null) {
      throw new JobRefusal(
          ExitCode.WRONG_STORE_TYPE,
          "refusing to run "
              + ref
              + " with '"
              + kind.command()
              + "': its"
              + " store "
              + compiled.store().name()
              + " deletes indices with ILM/ISM (spec.search.indexDeletion is"
              + " Lifecycle), which the operator configures; set indexDeletion: Sweep on the DataStore for a cluster"
              + " without ILM/ISM, and the sweep job deletes whole indices by creation date");
    }
    DataStore store =
        inputs.stores().stream()
            .filter(
                s ->
                    namespace.equals(s.getMetadata().getNamespace())
                        && compiled.store().name().equals(s.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    requireReady(store);
    boolean audit = compiled.mode() == EnforcementMode.Audit;
    return new ApprovedRun(policy, store, compiled, dryRun || audit, CopyCoverage.of(plan));
  }

  /**
   * Errors that vanish when the policy is compiled without its siblings come from them: a conflict,
   * whose fix is in another policy, so it gets its own exit code. Asking the compiler this way,
   * rather than reading its wording, keeps the gate right whatever the messages say.
   */
  private boolean inConflict(PolicyInputs inputs, RetentionPolicy policy, ResourceRef ref) {
    PolicyInputs alone =
        new PolicyInputs(inputs.stores(), List.of(policy), inputs.consentPolicies());
    return errorsOf(compiler.compile(alone), ref).isEmpty();
  }

  private static List<Problem> errorsOf(EnforcementPlan plan, ResourceRef ref) {
    return plan.problemsOf(ref).stream().filter(Problem::isError).toList();
  }

  /**
   * Ready and describing the current spec: a probe of an older spec says nothing about the endpoint
   * now named.
   */
  private static void requireReady(DataStore store) {
    String name = store.getMetadata().getNamespace() + "/" + store.getMetadata().getName();
    List<Condition> conditions =
        store.getStatus() == null || store.getStatus().conditions == null
            ? List.of()
            : store.getStatus().conditions;
    Condition ready =
        conditions.stream()
            .filter(c -> ConditionTypes.READY.equals(c.getType()))
            .findFirst()
            .orElse(null);
    if (ready == null || !"True".equals(ready.getStatus())) {
      throw new JobRefusal(
          ExitCode.STORE_NOT_READY,
          "refusing to run: DataStore "
              + name
              + " is not Ready"
              + (ready == null
                  ? " (no probe result yet: is the operator running?)"
                  : " (" + ready.getReason() + ": " + ready.getMessage() + ")")
              + ". Fix the store (kubectl describe ekds "
              + store.getMetadata().getName()
              + ") and the next run proceeds");
    }
    Long generation = store.getMetadata().getGeneration();
    Long observed = ready.getObservedGeneration();
    if (generation != null && observed != null && !Objects.equals(generation, observed)) {
      throw new JobRefusal(
          ExitCode.STORE_NOT_READY,
          "refusing to run: DataStore "
              + name
              + " changed (generation "
              + generation
              + ") since the operator last probed it (generation "
              + observed
              + "); the next run proceeds"
              + " once the operator has probed the new spec");
    }
  }

  private static String describe(List<Problem> problems) {
    return problems.stream().map(Problem::describe).collect(Collectors.joining("\n  "));
  }
}
