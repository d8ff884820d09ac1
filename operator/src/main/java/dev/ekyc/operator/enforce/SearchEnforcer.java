package dev.ekyc.operator.enforce;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.OwnedNames;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.probe.StoreCredentials;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.IndexLifecycleAdapter;
import dev.ekyc.operator.search.LifecycleApplyResult;
import dev.ekyc.operator.search.LifecycleVerificationException;
import dev.ekyc.operator.search.SearchRequestException;
import dev.ekyc.operator.search.SearchTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks and applies one policy's ILM/ISM lifecycles on a search store, under the lock of the cluster's
 * location, with the adapters as built (read, write only the difference, verify). When writing, it also takes
 * off the cluster the store's owned ILM policies no writable or Audit policy plans any more (deleted policies,
 * removed rules, policies in error): removing a lifecycle can only keep indices longer.
 */
final class SearchEnforcer {
  private final LocationLocks locks;
  private final Function<StoreAccess, SearchTransport> transports;

  SearchEnforcer(LocationLocks locks, Duration connectTimeout, Duration requestTimeout) {
    this(locks, access -> new HttpSearchTransport(access.store().getSpec().search.endpoint,
        (StoreCredentials.Search) access.credentials(), connectTimeout, requestTimeout));
  }

  SearchEnforcer(LocationLocks locks, Function<StoreAccess, SearchTransport> transports) {
    this.locks = locks;
    this.transports = transports;
  }

  StoreOutcome enforce(StoreAccess access, String policyName, boolean write, PreviousChecks previous,
      DriftListener onDrift) {
    SearchTransport transport = transports.apply(access);
    SearchEngine engine = access.store().getSpec().search.engine;
    IndexLifecycleAdapter adapter = IndexLifecycleAdapter.forEngine(engine, transport);
    try {
      return locks.withLock(access.locationKey(), () -> {
        Map<String, List<MechanismCheck>> checks = new LinkedHashMap<>();
        for (PolicyPlan policy : access.plan().policies()) {
          if (!policy.policy().name().equals(policyName)) {
            continue;
          }
          boolean writes = write && access.writable(policy);
          List<MechanismCheck> list = new ArrayList<>();
          for (RulePlan rule : policy.rules()) {
            for (var mechanism : rule.mechanisms()) {
              if (mechanism instanceof IndexLifecycle lifecycle && lifecycle.policyId() != null) {
                LifecycleApplyResult seen = adapter.dryRun(lifecycle);
                MechanismCheck before = check(policyName, rule.name(), lifecycle, seen, false, previous);
                if (!writes || !seen.changesAnything()) {
                  list.add(before);
                  continue;
                }
                // Drift is reported before it is restored, so it shows even in Enforce mode.
                if (before.state() == MechanismState.Drifted) {
                  onDrift.detected(List.of(before));
                }
                list.add(check(policyName, rule.name(), lifecycle, adapter.apply(lifecycle), true, previous));
              }
            }
          }
          checks.put(policyName, list);
        }
        List<String> removed = write && !access.dryRun() && engine == SearchEngine.Elasticsearch
            ? removeUnplanned(access, new IlmRemover(transport), null) : List.of();
        return new StoreOutcome(checks, removed);
      });
    } catch (SearchRequestException | LifecycleVerificationException e) {
      throw new EnforcementException("DataStore " + access.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Takes a deleted policy's ILM policies off the cluster (Elasticsearch only), with the store's other leftovers.
   * {@code access.plan()} must be compiled without the deleted policy.
   */
  List<String> removePolicy(StoreAccess access, String policyName) {
    if (access.store().getSpec().search.engine != SearchEngine.Elasticsearch) {
      throw new CleanupNotBuiltException("removing ISM policies from OpenSearch is not built yet: delete the ISM"
          + " policies named " + OwnedNames.searchPrefix(access.namespace(), access.name()) + policyName
          + "_* by hand (POST _plugins/_ism/remove/<index>, then DELETE _plugins/_ism/policies/<name>)");
    }
    IlmRemover remover = new IlmRemover(transports.apply(access));
    try {
      return locks.withLock(access.locationKey(), () -> removeUnplanned(access, remover, policyName));
    } catch (SearchRequestException e) {
      throw new EnforcementException("DataStore " + access.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The store's ILM policies that no policy of the plan keeps: gone policies, removed rules, policies in error.
   * With {@code onlyPolicy}, only that (deleted) policy's names.
   */
  private static List<String> removeUnplanned(StoreAccess access, IlmRemover remover, String onlyPolicy) {
    String storePrefix = OwnedNames.searchPrefix(access.namespace(), access.name());
    Set<String> keep = new HashSet<>();
    List<String> frozenPrefixes = new ArrayList<>();
    for (PolicyPlan policy : access.plan().policies()) {
      if (access.writable(policy)) {
        lifecycles(policy).forEach(l -> keep.add(l.policyId()));
      } else if (access.frozen(policy)) {
        frozenPrefixes.add(storePrefix + policy.policy().name() + "_");
      }
    }
    String scope = onlyPolicy == null ? storePrefix : storePrefix + onlyPolicy + "_";
    List<String> removed = new ArrayList<>();
    for (String name : remover.ownedPolicies(scope)) {
      if (!keep.contains(name) && frozenPrefixes.stream().noneMatch(name::startsWith)) {
        remover.remove(name);
        removed.add(name);
      }
    }
    return removed;
  }

  static List<IndexLifecycle> lifecycles(PolicyPlan policy) {
    List<IndexLifecycle> out = new ArrayList<>();
    for (RulePlan rule : policy.rules()) {
      for (var mechanism : rule.mechanisms()) {
        if (mechanism instanceof IndexLifecycle lifecycle && lifecycle.policyId() != null) {
          out.add(lifecycle);
        }
      }
    }
    return out;
  }

  private static MechanismCheck check(String policy, String rule, IndexLifecycle lifecycle,
      LifecycleApplyResult result, boolean written, PreviousChecks previous) {
    List<String> warnings = new ArrayList<>();
    result.leftWithOtherPolicy().forEach((index, other) -> warnings.add("index " + index + " runs lifecycle policy "
        + other + ", not the operator's: left alone; its data may be kept longer or deleted sooner than planned"));
    result.detachedForLegalHold().forEach(index -> warnings.add("index " + index + " is under legal hold: the"
        + " policy was detached from it"));
    if (!result.changesAnything()) {
      return new MechanismCheck(policy, rule, lifecycle.kind(), lifecycle.policyId(), true, MechanismState.InSync, "",
          warnings);
    }
    List<String> parts = new ArrayList<>();
    if (result.policy().writes()) {
      parts.add(lifecycle.kind() + " policy " + (result.policy().name().equals("CREATED") ? "absent" : "differs from"
          + " the plan (delete after " + dev.ekyc.operator.policy.DurationText.format(lifecycle.deleteAfter()) + ")"));
    }
    if (result.template().writes()) {
      parts.add("index template " + (result.template().name().equals("CREATED") ? "absent" : "differs from the plan"));
    }
    if (!result.attached().isEmpty()) {
      parts.add("indices without the policy: " + result.attached());
    }
    if (!result.detachedForLegalHold().isEmpty()) {
      parts.add("indices under legal hold running it: " + result.detachedForLegalHold());
    }
    if (!result.movedToUpdatedPolicy().isEmpty()) {
      parts.add("indices on an older policy version: " + result.movedToUpdatedPolicy());
    }
    String what = String.join("; ", parts);
    MechanismState state = previous.differing(lifecycle.policyId(), written);
    String difference = switch (state) {
      case Applied -> "written (" + what + ")";
      case Corrected -> "restored (someone changed it: " + what + ")";
      case Drifted -> what;
      default -> "would write (" + what + ")";
    };
    boolean existed = result.policy() != dev.ekyc.operator.search.Change.CREATED;
    return new MechanismCheck(policy, rule, lifecycle.kind(), lifecycle.policyId(), existed, state, difference,
        warnings);
  }
}
