package dev.ekyc.operator.enforce;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.OwnedNames;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.Sha256;
import dev.ekyc.operator.search.ElasticsearchDataStreamLifecycle;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.IlmRemover;
import dev.ekyc.operator.search.IndexLifecycleAdapter;
import dev.ekyc.operator.search.IsmRemover;
import dev.ekyc.operator.search.LifecycleApplyResult;
import dev.ekyc.operator.search.LifecycleRemovalException;
import dev.ekyc.operator.search.LifecycleVerificationException;
import dev.ekyc.operator.search.OwnedPolicyRemover;
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
 * Checks and applies one policy's ILM/ISM lifecycles and data stream lifecycles on a search store,
 * under the lock of the cluster's location, with the adapters as built (read, write only the
 * difference, verify). When writing, it also takes off the cluster the store's owned ILM/ISM
 * policies no writable or Audit policy plans any more (deleted policies, removed rules, policies in
 * error): removing a lifecycle can only keep indices longer.
 */
final class SearchEnforcer {
  private final LocationLocks locks;
  private final Function<StoreAccess, SearchTransport> transports;
  private final SharedSearchReads shared;

  SearchEnforcer(
      LocationLocks locks,
      Duration connectTimeout,
      Duration requestTimeout,
      SharedSearchReads shared) {
    this(
        locks,
        access ->
            new HttpSearchTransport(
                access.store().getSpec().search.endpoint,
                (StoreCredentials.Search) access.credentials(),
                connectTimeout,
                requestTimeout),
        shared);
  }

  SearchEnforcer(
      LocationLocks locks,
      Function<StoreAccess, SearchTransport> transports,
      SharedSearchReads shared) {
    this.locks = locks;
    this.transports = transports;
    this.shared = shared;
  }

  /**
   * Checks (and, when {@code write}, applies) {@code policyName}'s mechanisms. A check first
   * compares with the store's shared reads of this drift interval; only when that finds the policy
   * exactly as planned is it the answer (only for a policy whose lifecycles the status shows
   * verified at its generation: a new or changed one reads fresh). Anything else (a difference, a
   * data stream, an owned policy to remove) forgets the shared reads and checks again against the
   * cluster itself, which writes only from that fresh read.
   */
  StoreOutcome enforce(
      StoreAccess access,
      String policyName,
      boolean write,
      PreviousChecks previous,
      DriftListener onDrift) {
    String store = access.namespace() + "/" + access.name();
    // A policy not yet verified at its generation (new, changed, failing) is about to be written:
    // read it fresh.
    if (verifiedBefore(access, policyName, previous)) {
      try {
        // Under the lock, so that a write of the location (which forgets its shared reads) is never
        // in between.
        var inSync =
            locks.withLock(
                access.locationKey(),
                () ->
                    shared
                        .forStore(
                            store,
                            access.locationKey(),
                            desired(access),
                            OwnedNames.searchPrefix(access.namespace(), access.name()),
                            () -> transports.apply(access))
                        .flatMap(
                            reads -> inSyncFromShared(access, policyName, write, previous, reads)));
        if (inSync.isPresent()) {
          return inSync.get();
        }
      } catch (SearchRequestException | LifecycleVerificationException e) {
        // The fresh check below reads again and reports its own error, if any.
      }
    }
    return enforceFresh(access, policyName, write, previous, onDrift);
  }

  private static boolean verifiedBefore(
      StoreAccess access, String policyName, PreviousChecks previous) {
    return access.plan().policies().stream()
        .filter(p -> p.policy().name().equals(policyName))
        .flatMap(p -> lifecycles(p).stream())
        .allMatch(l -> previous.wasVerified(l.policyId()));
  }

  /**
   * Everything a shared read's answer depends on besides the cluster itself (records and strings:
   * values).
   */
  private static Object desired(StoreAccess access) {
    var spec = access.store().getSpec().search;
    return List.of(
        access.plan(),
        digest((StoreCredentials.Search) access.credentials()),
        access.dryRun(),
        access.locationKey(),
        String.valueOf(spec.endpoint),
        String.valueOf(spec.engine));
  }

  /**
   * The credentials as a one-way digest, kept in memory only: secret values have no equality, and a
   * changed Secret must read with the new credentials.
   */
  private static String digest(StoreCredentials.Search credentials) {
    return Sha256.hexOfParts(
        credentials.auth().authorizationHeader().orElse(""), credentials.caPem().orElse(""));
  }

  /**
   * The policy's checks from the shared reads when every lifecycle is exactly as planned and (when
   * writing) the store owns no policy to remove; empty otherwise. Writes nothing.
   */
  private java.util.Optional<StoreOutcome> inSyncFromShared(
      StoreAccess access,
      String policyName,
      boolean write,
      PreviousChecks previous,
      SharedSearchReads.Reads reads) {
    SearchEngine engine = access.store().getSpec().search.engine;
    IndexLifecycleAdapter adapter = IndexLifecycleAdapter.forEngine(engine, reads.transport());
    List<MechanismCheck> list = new ArrayList<>();
    for (PolicyPlan policy : access.plan().policies()) {
      if (!policy.policy().name().equals(policyName)) {
        continue;
      }
      for (RulePlan rule : policy.rules()) {
        for (var mechanism : rule.mechanisms()) {
          if (mechanism instanceof DataStreamRetention) {
            return java.util.Optional.empty();
          }
          if (mechanism instanceof IndexLifecycle lifecycle && lifecycle.policyId() != null) {
            LifecycleApplyResult seen = adapter.dryRun(lifecycle);
            if (seen.changesAnything()) {
              return java.util.Optional.empty();
            }
            list.add(check(policyName, rule.name(), lifecycle, seen, false, previous));
          }
        }
      }
    }
    if (write
        && !access.dryRun()
        && !unplanned(access, remover(engine, reads.transport()), null).isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        new StoreOutcome(Map.of(policyName, list), List.of(), reads.since()));
  }

  /**
   * Reads the cluster itself and writes what differs. The location's shared reads are forgotten
   * before and after, under the lock: none of them is used across a difference or a write.
   */
  private StoreOutcome enforceFresh(
      StoreAccess access,
      String policyName,
      boolean write,
      PreviousChecks previous,
      DriftListener onDrift) {
    SearchTransport transport = transports.apply(access);
    SearchEngine engine = access.store().getSpec().search.engine;
    IndexLifecycleAdapter adapter = IndexLifecycleAdapter.forEngine(engine, transport);
    DataStreamEnforcer dataStreams =
        new DataStreamEnforcer(new ElasticsearchDataStreamLifecycle(transport));
    try {
      return locks.withLock(
          access.locationKey(),
          () -> {
            shared.forgetLocation(access.locationKey());
            try {
              return freshLocked(
                  access,
                  policyName,
                  write,
                  previous,
                  onDrift,
                  transport,
                  engine,
                  adapter,
                  dataStreams);
            } finally {
              shared.forgetLocation(access.locationKey());
            }
          });
    } catch (SearchRequestException | LifecycleVerificationException e) {
      throw new EnforcementException("DataStore " + access.name() + ": " + e.getMessage(), e);
    }
  }

  private static StoreOutcome freshLocked(
      StoreAccess access,
      String policyName,
      boolean write,
      PreviousChecks previous,
      DriftListener onDrift,
      SearchTransport transport,
      SearchEngine engine,
      IndexLifecycleAdapter adapter,
      DataStreamEnforcer dataStreams) {
    Map<String, List<MechanismCheck>> checks = new LinkedHashMap<>();
    for (PolicyPlan policy : access.plan().policies()) {
      if (!policy.policy().name().equals(policyName)) {
        continue;
      }
      boolean writes = write && access.writable(policy);
      List<MechanismCheck> list = new ArrayList<>();
      for (RulePlan rule : policy.rules()) {
        for (var mechanism : rule.mechanisms()) {
          if (mechanism instanceof DataStreamRetention retention) {
            list.add(
                dataStreams.enforce(policyName, rule.name(), retention, writes, previous, onDrift));
          }
          if (mechanism instanceof IndexLifecycle lifecycle && lifecycle.policyId() != null) {
            LifecycleApplyResult seen = adapter.dryRun(lifecycle);
            MechanismCheck before =
                check(policyName, rule.name(), lifecycle, seen, false, previous);
            if (!writes || !seen.changesAnything()) {
              list.add(before);
              continue;
            }
            // Drift is reported before it is restored, so it shows even in Enforce mode.
            if (before.state() == MechanismState.Drifted) {
              onDrift.detected(List.of(before));
            }
            list.add(
                check(
                    policyName, rule.name(), lifecycle, adapter.apply(lifecycle), true, previous));
          }
        }
      }
      checks.put(policyName, list);
    }
    List<String> removed =
        write && !access.dryRun()
            ? removeUnplanned(access, remover(engine, transport), null)
            : List.of();
    return new StoreOutcome(checks, removed);
  }

  /**
   * Takes a deleted policy's ILM or ISM policies off the cluster. {@code access.plan()} must be
   * compiled without the deleted policy.
   */
  List<String> removePolicy(StoreAccess access, String policyName) {
    OwnedPolicyRemover remover =
        remover(access.store().getSpec().search.engine, transports.apply(access));
    try {
      return locks.withLock(
          access.locationKey(),
          () -> {
            shared.forgetLocation(access.locationKey());
            try {
              return removeUnplanned(access, remover, policyName);
            } finally {
              shared.forgetLocation(access.locationKey());
            }
          });
    } catch (SearchRequestException e) {
      throw new EnforcementException("DataStore " + access.name() + ": " + e.getMessage(), e);
    }
  }

  private static OwnedPolicyRemover remover(SearchEngine engine, SearchTransport transport) {
    return engine == SearchEngine.OpenSearch
        ? new IsmRemover(transport)
        : new IlmRemover(transport);
  }

  /**
   * The store's ILM/ISM policies that no policy of the plan keeps: gone policies, removed rules,
   * policies in error. With {@code onlyPolicy}, only that (deleted) policy's names.
   */
  private static List<String> ownedPolicies(OwnedPolicyRemover remover, String scope) {
    try {
      return remover.ownedPolicies(scope);
    } catch (LifecycleRemovalException e) {
      throw new EnforcementException(e.getMessage(), e);
    }
  }

  private static List<String> removeUnplanned(
      StoreAccess access, OwnedPolicyRemover remover, String onlyPolicy) {
    List<String> removed = unplanned(access, remover, onlyPolicy);
    try {
      removed.forEach(remover::remove);
    } catch (LifecycleRemovalException e) {
      throw new EnforcementException(e.getMessage(), e);
    }
    return removed;
  }

  private static List<String> unplanned(
      StoreAccess access, OwnedPolicyRemover remover, String onlyPolicy) {
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
    for (String name : ownedPolicies(remover, scope)) {
      if (!keep.contains(name) && frozenPrefixes.stream().noneMatch(name::startsWith)) {
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

  private static MechanismCheck check(
      String policy,
      String rule,
      IndexLifecycle lifecycle,
      LifecycleApplyResult result,
      boolean written,
      PreviousChecks previous) {
    List<String> warnings = new ArrayList<>();
    result
        .leftWithOtherPolicy()
        .forEach(
            (index, other) ->
                warnings.add(
                    "index "
                        + index
                        + " runs lifecycle policy "
                        + other
                        + ", not the operator's: left alone; its data may be kept longer or deleted sooner than planned"));
    result
        .detachedForLegalHold()
        .forEach(
            index ->
                warnings.add(
                    "index "
                        + index
                        + " is under legal hold: the"
                        + " policy was detached from it"));
    if (!result.changesAnything()) {
      return new MechanismCheck(
          policy,
          rule,
          lifecycle.kind(),
          lifecycle.policyId(),
          true,
          MechanismState.InSync,
          "",
          warnings);
    }
    List<String> parts = new ArrayList<>();
    if (result.policy().writes()) {
      parts.add(
          lifecycle.kind()
              + " policy "
              + (result.policy().name().equals("CREATED")
                  ? "absent"
                  : "differs from"
                      + " the plan (delete after "
                      + dev.ekyc.operator.policy.DurationText.format(lifecycle.deleteAfter())
                      + ")"));
    }
    if (result.template().writes()) {
      parts.add(
          "index template "
              + (result.template().name().equals("CREATED") ? "absent" : "differs from the plan"));
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
    String difference =
        switch (state) {
          case Applied -> "written (" + what + ")";
          case Corrected -> "restored (someone changed it: " + what + ")";
          case Drifted -> what;
          default -> "would write (" + what + ")";
        };
    boolean existed = result.policy() != dev.ekyc.operator.search.Change.CREATED;
    return new MechanismCheck(
        policy, rule, lifecycle.kind(), lifecycle.policyId(), existed, state, difference, warnings);
  }
}
