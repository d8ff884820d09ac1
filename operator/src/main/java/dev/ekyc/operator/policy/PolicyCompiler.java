package dev.ekyc.operator.policy;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.EnforcementMode;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure core: resolves RetentionPolicies against their DataStores and ConsentPolicies and
 * compiles every rule into mechanisms and guarantees. No I/O and no clock; the same inputs always
 * give the same plan, so the operator, the CLI and the tests all see one truth.
 */
public final class PolicyCompiler {
  static final long DEFAULT_MAX_DELETIONS_PER_RUN = 100_000L;

  private final ParsedSchedules schedules = new ParsedSchedules();

  public EnforcementPlan compile(PolicyInputs inputs) {
    List<Problem> problems = new ArrayList<>();
    ResourceIndex index = new ResourceIndex(inputs.stores(), inputs.consentPolicies());
    ConsentResolver consent = new ConsentResolver(index);

    Map<String, List<PolicyPlan>> plansByStore = new LinkedHashMap<>();
    List<SelectedTarget> targets = new ArrayList<>();
    List<PolicyPlan> compiled = new ArrayList<>();
    for (RetentionPolicy policy : sorted(inputs.retentionPolicies())) {
      PolicyPlan plan = compilePolicy(policy, index, consent, targets, problems);
      if (plan != null) {
        compiled.add(plan);
      }
    }
    ConflictDetector.detect(targets, problems);
    for (PolicyPlan plan : compiled) {
      boolean enforceable =
          plan.enforceable()
              && problems.stream()
                  .noneMatch(p -> p.isError() && plan.policy().equals(p.resource()));
      PolicyPlan finalPlan =
          new PolicyPlan(
              plan.policy(),
              plan.store(),
              plan.storeType(),
              plan.mode(),
              plan.schedule(),
              plan.maxDeletionsPerRun(),
              plan.rules(),
              plan.worstCaseAge(),
              enforceable);
      plansByStore.computeIfAbsent(key(plan.store()), k -> new ArrayList<>()).add(finalPlan);
    }

    List<StorePlan> stores = new ArrayList<>();
    for (DataStore store : sorted(inputs.stores())) {
      ResourceRef ref = ResourceRef.of(store);
      StoreLocation location = StoreLocation.of(store.getSpec());
      if (location == null) {
        problems.add(
            Problem.error(
                ref,
                "spec",
                "the DataStore must name exactly one of objectStorage, search or sql",
                "keep one backend per DataStore"));
        continue;
      }
      List<PolicyPlan> policies = plansByStore.getOrDefault(key(ref), List.of());
      if (policies.isEmpty()) {
        problems.add(
            Problem.warning(
                ref,
                null,
                "no RetentionPolicy refers to this store: nothing in it is deleted",
                "create a RetentionPolicy with spec.storeRef.name: " + ref.name()));
      }
      stores.add(
          new StorePlan(
              ref,
              location.type(),
              store.getSpec().jurisdiction,
              location.display(),
              policies,
              DeclaredResiduals.of(store)));
    }
    // One consent policy used by several rules can report the same problem more than once.
    return new EnforcementPlan(stores, problems.stream().distinct().toList());
  }

  private PolicyPlan compilePolicy(
      RetentionPolicy policy,
      ResourceIndex index,
      ConsentResolver consent,
      List<SelectedTarget> targets,
      List<Problem> problems) {
    ResourceRef ref = ResourceRef.of(policy);
    var spec = policy.getSpec();
    if (spec == null || spec.rules == null || spec.rules.isEmpty()) {
      problems.add(
          Problem.error(ref, "spec.rules", "the policy has no rules", "add at least one rule"));
      return null;
    }
    if (spec.storeRef == null || spec.storeRef.name == null) {
      problems.add(
          Problem.error(
              ref,
              "spec.storeRef.name",
              "no store named",
              "name the DataStore the rules apply to"));
      return null;
    }
    DataStore store = index.store(ref.namespace(), spec.storeRef.name).orElse(null);
    if (store == null) {
      problems.add(
          Problem.error(
              ref,
              "spec.storeRef.name",
              "DataStore " + ref.namespace() + "/" + spec.storeRef.name + " does not exist",
              "create the DataStore, or correct spec.storeRef.name"));
      return null;
    }
    StoreLocation location = StoreLocation.of(store.getSpec());
    if (location == null) {
      problems.add(
          Problem.error(
              ref,
              "spec.storeRef.name",
              "DataStore " + spec.storeRef.name + " does not name exactly one backend",
              "fix the DataStore first"));
      return null;
    }

    boolean searchSwept = location.type() == StoreType.Search && SearchRuleCompiler.swept(store);
    String schedule = spec.schedule;
    if (schedule == null) {
      String byDuration =
          ScheduleChooser.defaultFor(
              policy,
              ScheduleChooser.shortestJobDuration(
                  policy, name -> consent.withdrawalDeadline(ref.namespace(), name), searchSwept));
      schedule =
          ScheduleChooser.keepingPromises(
              byDuration, schedules.parse(byDuration).longestGap(), policy, searchSwept);
    }
    Duration gap;
    try {
      gap = schedules.parse(schedule).longestGap();
    } catch (IllegalArgumentException e) {
      problems.add(
          Problem.error(
              ref,
              "spec.schedule",
              e.getMessage(),
              "use a five-field cron such as '*/15 * * * *'"));
      return null;
    }
    long maxDeletions =
        spec.safety != null && spec.safety.maxDeletionsPerRun != null
            ? spec.safety.maxDeletionsPerRun
            : DEFAULT_MAX_DELETIONS_PER_RUN;
    var legalHold = spec.safety == null ? null : spec.safety.legalHold;

    List<RulePlan> rules = new ArrayList<>();
    boolean enforceable = true;
    for (int i = 0; i < spec.rules.size(); i++) {
      RetentionRule rule = spec.rules.get(i);
      String field = "spec.rules[" + i + "]";
      RuleContext ctx =
          new RuleContext(
              ref,
              field,
              rule,
              store,
              location,
              schedule,
              gap,
              maxDeletions,
              legalHold,
              consent,
              problems);
      if (!selectorFits(ctx, location.type())) {
        enforceable = false;
        continue;
      }
      RulePlan plan =
          switch (location.type()) {
            case ObjectStorage -> ObjectRuleCompiler.compile(ctx);
            case Search -> SearchRuleCompiler.compile(ctx);
            case SQL -> SqlRuleCompiler.compile(ctx);
          };
      if (plan == null) {
        enforceable = false;
        continue;
      }
      plan = PromiseChecker.check(ctx, plan);
      DeclaredResiduals.check(ctx, plan);
      rules.add(plan);
      targets.add(new SelectedTarget(ref, field, rule, location));
    }
    // The schedule belongs to the jobs: a plan whose rules are all native (ILM/ISM, data stream
    // lifecycle) has none.
    boolean usesJobs =
        rules.stream()
            .flatMap(r -> r.mechanisms().stream())
            .anyMatch(JobMechanism.class::isInstance);
    Duration worst =
        rules.stream().map(RulePlan::worstCaseAge).max(Comparator.naturalOrder()).orElse(null);
    EnforcementMode mode = spec.mode == null ? EnforcementMode.Enforce : spec.mode;
    return new PolicyPlan(
        ref,
        ResourceRef.of(store),
        location.type(),
        mode,
        usesJobs ? schedule : null,
        maxDeletions,
        rules,
        worst,
        enforceable);
  }

  /**
   * The selector must match the store's type: objects in buckets, indices in search, tables in SQL.
   */
  private static boolean selectorFits(RuleContext ctx, StoreType type) {
    RetentionRule r = ctx.rule();
    int selectors =
        (r.objects != null ? 1 : 0)
            + (r.indices != null ? 1 : 0)
            + (r.dataStream != null ? 1 : 0)
            + (r.table != null ? 1 : 0);
    if (selectors != 1) {
      ctx.error(
          null,
          "the rule must have exactly one selector (objects, indices, dataStream or table)",
          "keep the one that fits DataStore "
              + ctx.store().getMetadata().getName()
              + " ("
              + type
              + ")");
      return false;
    }
    String expected =
        switch (type) {
          case ObjectStorage -> "objects";
          case Search -> "indices or dataStream";
          case SQL -> "table";
        };
    boolean fits =
        switch (type) {
          case ObjectStorage -> r.objects != null;
          case Search -> r.indices != null || r.dataStream != null;
          case SQL -> r.table != null;
        };
    if (!fits) {
      String actual =
          r.objects != null
              ? "objects"
              : r.indices != null ? "indices" : r.dataStream != null ? "dataStream" : "table";
      ctx.error(
          actual,
          "selector "
              + actual
              + " does not fit DataStore "
              + ctx.store().getMetadata().getName()
              + ", which is "
              + type,
          "use "
              + expected
              + " for this store, or point spec.storeRef at a store of the"
              + " right type");
      return false;
    }
    return true;
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> sorted(
      List<T> resources) {
    return resources.stream()
        .sorted(
            Comparator.comparing((T r) -> String.valueOf(r.getMetadata().getNamespace()))
                .thenComparing(r -> r.getMetadata().getName()))
        .toList();
  }

  private static String key(ResourceRef ref) {
    return ref.namespace() + "/" + ref.name();
  }
}
