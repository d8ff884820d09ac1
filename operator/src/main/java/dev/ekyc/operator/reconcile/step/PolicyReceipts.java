package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.job.RunRecordReader;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.receipt.LogHead;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.ReceiptKeys;
import dev.ekyc.operator.receipt.RunReceipts;
import dev.ekyc.operator.reconcile.status.EnforcementFinding;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends the receipts of each finished job run to the installation's receipt log, from the result
 * record the reconciler already watches. The operator is the log's only signer: the jobs hold no
 * key and need no access outside their namespace. A run is recorded once (remembered here, and
 * looked up in the log's head after a restart); a run that died is recorded as Died, whether its
 * record passed its deadline while Running or was replaced by the next run's while Running. A
 * failure to append is logged and reported as a ReceiptFailed event, and retried at the next
 * reconcile; it never stops the reconcile.
 */
public final class PolicyReceipts {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(PolicyReceipts.class);
  static final String FAILED = "ReceiptFailed";

  private final ReceiptKeys log;
  private final EventRecorder events;
  private final Set<String> recorded = ConcurrentHashMap.newKeySet();
  private final Map<String, Seen> running = new ConcurrentHashMap<>();

  /**
   * A Running record last seen for a policy, with what its receipt needs should it never finish.
   */
  private record Seen(RunRecord run, RunReceipts.Store store, Optional<PolicyPlan> plan) {}

  public PolicyReceipts(ReceiptKeys log, EventRecorder events) {
    this.log = log;
    this.events = events;
  }

  public void record(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      Optional<DataStore> store,
      Optional<ConfigMap> recordMap,
      Instant now) {
    Optional<RunRecord> maybe;
    try {
      maybe = recordMap.flatMap(RunRecordReader::fromConfigMap);
    } catch (IllegalStateException e) {
      return; // an unreadable record is reported by the job results
    }
    if (maybe.isEmpty() || maybe.get().runId() == null) {
      return;
    }
    RunRecord run = maybe.get();
    String key = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
    RunReceipts.Store where =
        new RunReceipts.Store(
            policy.getMetadata().getNamespace(),
            store.map(s -> s.getMetadata().getName()).orElse(run.store()),
            plan.map(p -> p.storeType() == null ? null : p.storeType().name()).orElse(null),
            store.map(s -> s.getSpec() == null ? null : s.getSpec().jurisdiction).orElse(null));
    try {
      Seen previous = running.get(key);
      if (previous != null && !previous.run().runId().equals(run.runId())) {
        // Replaced while Running: that run died (the next one took its Lease and rewrote the
        // record).
        append(policy, previous.run(), RunOutcome.Died, previous.store(), previous.plan(), now);
        running.remove(key, previous);
      }
      RunOutcome outcome = run.effectiveOutcome(now);
      if (outcome == RunOutcome.Running) {
        running.put(key, new Seen(run, where, plan));
        return;
      }
      running.remove(key);
      append(policy, run, outcome, where, plan, now);
    } catch (RuntimeException e) {
      LOG.warn("cannot append the receipts of run {} of {}: {}", run.runId(), key, e.getMessage());
      events.record(
          policy,
          EventRecorder.Type.Warning,
          FAILED,
          "the receipts of run "
              + run.runId()
              + " could not be appended to the receipt log (retried at the next reconcile): "
              + e.getMessage());
    }
  }

  private void append(
      RetentionPolicy policy,
      RunRecord run,
      RunOutcome outcome,
      RunReceipts.Store store,
      Optional<PolicyPlan> plan,
      Instant now) {
    // Once per run and outcome: a run recorded as Died that still finishes gets its final receipt
    // too.
    String done = run.runId() + "/" + outcome;
    if (recorded.contains(done)) {
      return;
    }
    if (inLog(run.runId(), outcome)) {
      recorded.add(done);
      return;
    }
    long first = -1;
    for (Receipt receipt :
        RunReceipts.of(run, outcome, store, plan, now.truncatedTo(ChronoUnit.SECONDS).toString())) {
      LogHead.Appended appended = log.append(receipt);
      first = first < 0 ? appended.index() : first;
    }
    recorded.add(done);
    LOG.info(
        "receipts {}.. of run {} ({}) of {}/{} appended to the receipt log",
        first,
        run.runId(),
        outcome,
        policy.getMetadata().getNamespace(),
        policy.getMetadata().getName());
  }

  /**
   * Appends a LifecycleWrite receipt for each mechanism this enforcement pass wrote to a backend
   * (or restored): S3 lifecycle rules, ILM/ISM policies, the job's CronJob. The owned name and a
   * SHA-256 digest of what the operator says it changed are recorded (not the configuration itself;
   * before/after digests of the backend's configuration are not available from the adapters yet).
   */
  public void recordLifecycleWrites(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      Optional<DataStore> store,
      EnforcementFinding finding,
      Instant now) {
    if (!(finding instanceof EnforcementFinding.Checked checked)) {
      return;
    }
    for (Receipt receipt : lifecycleReceipts(policy, plan, store, checked.checks(), now)) {
      try {
        log.append(receipt);
      } catch (RuntimeException e) {
        LOG.warn(
            "cannot append a lifecycle write receipt of {}/{}: {}",
            policy.getMetadata().getNamespace(),
            policy.getMetadata().getName(),
            e.getMessage());
        events.record(
            policy,
            EventRecorder.Type.Warning,
            FAILED,
            "a lifecycle write receipt could not be appended"
                + " to the receipt log: "
                + e.getMessage());
      }
    }
  }

  /** The receipts of the writes among {@code checks} (Applied or Corrected): pure. */
  static java.util.List<Receipt> lifecycleReceipts(
      RetentionPolicy policy,
      Optional<PolicyPlan> plan,
      Optional<DataStore> store,
      java.util.List<MechanismCheck> checks,
      Instant now) {
    java.util.List<Receipt> receipts = new java.util.ArrayList<>();
    for (MechanismCheck check : checks) {
      if (check.state() != MechanismState.Applied && check.state() != MechanismState.Corrected) {
        continue;
      }
      Optional<dev.ekyc.operator.policy.RulePlan> rule =
          plan.flatMap(
              p -> p.rules().stream().filter(r -> r.name().equals(check.rule())).findFirst());
      receipts.add(
          Receipt.builder(Receipt.LIFECYCLE_WRITE)
              .store(
                  policy.getMetadata().getNamespace(),
                  store.map(s -> s.getMetadata().getName()).orElse(null),
                  plan.map(p -> p.storeType() == null ? null : p.storeType().name()).orElse(null),
                  store
                      .map(s -> s.getSpec() == null ? null : s.getSpec().jurisdiction)
                      .orElse(null))
              .policy(
                  policy.getMetadata().getName(),
                  policy.getMetadata().getUid(),
                  policy.getMetadata().getGeneration())
              .rule(
                  check.rule(),
                  rule.map(dev.ekyc.operator.policy.RulePlan::purpose).orElse(null),
                  rule.map(r -> r.legalBasis() == null ? null : r.legalBasis().name()).orElse(null))
              .mode("Enforce")
              .outcome(check.state().name())
              .lifecycle(check.mechanism(), check.ownedName(), null, null)
              .change(
                  check.existed(),
                  "sha256:" + dev.ekyc.operator.policy.Sha256.hex(check.difference()))
              .recordedAt(now.truncatedTo(ChronoUnit.SECONDS).toString())
              .build());
    }
    return receipts;
  }

  /**
   * Whether the log's recent receipts (its partial bundle) already hold this run: after a restart.
   */
  private boolean inLog(String runId, RunOutcome outcome) {
    LogHead head = log.head();
    if (head == null) {
      return false;
    }
    for (byte[] entry : head.tailEntries()) {
      Receipt r = Receipt.parse(entry);
      if (Receipt.RUN.equals(r.kind())
          && runId.equals(r.string("job.runId"))
          && outcome.name().equals(r.string("outcome"))) {
        return true;
      }
    }
    return false;
  }
}
