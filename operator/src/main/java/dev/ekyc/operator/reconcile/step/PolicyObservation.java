package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.enforce.StoreAccess;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.DeclaredResiduals;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.ResidualCheck;
import dev.ekyc.operator.policy.ResidualCopy;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.TablePurge;
import dev.ekyc.operator.reconcile.status.JobResults;
import dev.ekyc.operator.reconcile.status.ObservationFinding;
import dev.ekyc.operator.search.HttpSearchTransport;
import dev.ekyc.operator.search.OldestIndexReader;
import dev.ekyc.operator.search.SearchTransport;
import dev.ekyc.operator.search.SnapshotResidual;
import dev.ekyc.operator.sql.OldestRows;
import dev.ekyc.operator.sql.SqlConnections;
import dev.ekyc.operator.sql.SqlResiduals;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads, per rule, the oldest data the store really holds that the rule does not keep, and the copies outside the
 * live store, once per drift interval per policy (a reconcile triggered by anything else in between reuses the last
 * reading: the reads cost the store, see docs/architecture.md "Observed age"). Publishes
 * {@code ekyc_data_oldest_age_seconds} and the observed part of {@code ekyc_deletion_overdue_seconds}, and records a
 * Warning event {@code DeletionOverdue} once per rule and place while it lasts. Read-only on every backend.
 */
public final class PolicyObservation {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyObservation.class);

  private final EventRecorder events;
  private final PolicyMetrics metrics;
  private final Duration interval;
  private final ReportedProblems reported = new ReportedProblems();
  private final Map<String, Last> last = new ConcurrentHashMap<>();

  private record Last(Instant at, String generation, ObservationFinding finding) {}

  public PolicyObservation(EventRecorder events, PolicyMetrics metrics, Duration interval) {
    this.events = events;
    this.metrics = metrics;
    this.interval = interval;
  }

  public ObservationFinding observe(RetentionPolicy policy, boolean ready, Optional<DataStore> store,
      EnforcementPlan plan, StoreAccessFactory access, Instant now) {
    String namespace = policy.getMetadata().getNamespace();
    String name = policy.getMetadata().getName();
    Optional<PolicyPlan> policyPlan = plan.policy(dev.ekyc.operator.policy.ResourceRef.of(policy));
    if (!ready || store.isEmpty() || policyPlan.isEmpty()) {
      forget(policy);
      return new ObservationFinding.None();
    }
    String key = key(policy);
    String generation = policy.getMetadata().getGeneration() + "/" + store.get().getMetadata().getGeneration();
    Last previous = last.get(key);
    if (previous != null && previous.generation().equals(generation)
        && previous.at().plus(interval).minusMillis(interval.toMillis() / 10).isAfter(now)) {
      return previous.finding();
    }
    ObservationFinding finding = read(policy, store.get(), plan, policyPlan.get(), access);
    last.put(key, new Last(now, generation, finding));
    publish(policy, namespace, name, finding);
    return finding;
  }

  public void forget(RetentionPolicy policy) {
    last.remove(key(policy));
    reported.forget(policy);
    metrics.oldest(policy.getMetadata().getNamespace(), policy.getMetadata().getName(), Map.of());
    metrics.overdueObserved(policy.getMetadata().getNamespace(), policy.getMetadata().getName(), Map.of());
  }

  private ObservationFinding read(RetentionPolicy policy, DataStore store, EnforcementPlan plan, PolicyPlan policyPlan,
      StoreAccessFactory access) {
    Map<String, List<ObservedAge>> oldest = new LinkedHashMap<>();
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<ResidualCopy> residuals = new ArrayList<>(DeclaredResiduals.of(store));
    try {
      StoreAccess storeAccess = access.of(store, plan);
      switch (policyPlan.storeType()) {
        case Search -> readSearch(store, storeAccess, policyPlan, oldest, residuals, unreadable);
        case SQL -> readSql(store.getSpec().sql, storeAccess, policyPlan, oldest, residuals, unreadable);
        case ObjectStorage -> { } // the sweep's record carries the oldest due object; no listing here
      }
    } catch (RuntimeException e) {
      unreadable.put("*", e.getMessage());
    }
    Map<String, List<ResidualCheck.Verdict>> verdicts = new LinkedHashMap<>();
    for (RulePlan rule : policyPlan.rules()) {
      verdicts.put(rule.name(), ResidualCheck.check(rule, residuals, DeclaredResiduals.acceptedKinds(
          specRule(policy, rule.name()))));
    }
    return new ObservationFinding.Observed(oldest, residuals, verdicts, unreadable);
  }

  private static RetentionRule specRule(RetentionPolicy policy, String name) {
    return policy.getSpec().rules.stream().filter(r -> name.equals(r.name)).findFirst().orElse(null);
  }

  private static void readSearch(DataStore store, StoreAccess access, PolicyPlan plan,
      Map<String, List<ObservedAge>> oldest, List<ResidualCopy> residuals, Map<String, String> unreadable) {
    SearchTransport transport = new HttpSearchTransport(store.getSpec().search.endpoint,
        (StoreCredentials.Search) access.credentials());
    OldestIndexReader reader = new OldestIndexReader(transport, store.getSpec().search.engine);
    for (RulePlan rule : plan.rules()) {
      rule.mechanisms().stream().filter(IndexLifecycle.class::isInstance).map(IndexLifecycle.class::cast).findFirst()
          .ifPresent(lifecycle -> {
            try {
              oldest.put(rule.name(), List.of(reader.observe(lifecycle, rule.overdueAfter())));
            } catch (RuntimeException e) {
              unreadable.put(rule.name(), e.getMessage());
            }
          });
    }
    try {
      residuals.add(SnapshotResidual.read(transport, store.getSpec().search.engine));
    } catch (RuntimeException e) {
      residuals.add(ResidualCopy.unknown("snapshots", "GET _snapshot", e.getMessage()));
    }
  }

  private static void readSql(SqlSpec spec, StoreAccess access, PolicyPlan plan,
      Map<String, List<ObservedAge>> oldest, List<ResidualCopy> residuals, Map<String, String> unreadable) {
    try (Connection connection = SqlConnections.open(spec, (StoreCredentials.Sql) access.credentials())) {
      OldestRows rows = new OldestRows(connection, spec.database);
      for (RulePlan rule : plan.rules()) {
        Optional<TablePurge> purge = rule.mechanisms().stream().filter(TablePurge.class::isInstance)
            .map(TablePurge.class::cast).findFirst();
        if (purge.isEmpty()) {
          continue;
        }
        ColumnErasure erasure = rule.mechanisms().stream().filter(ColumnErasure.class::isInstance)
            .map(ColumnErasure.class::cast).findFirst().orElse(null);
        Duration sensitiveBound = rule.promises().sensitiveDeleteWithin() != null
            ? rule.promises().sensitiveDeleteWithin() : rule.sensitiveWorstCaseAge();
        try {
          oldest.put(rule.name(), rows.observe(purge.get(), erasure, rule.overdueAfter(), sensitiveBound));
        } catch (Exception e) {
          unreadable.put(rule.name(), e.getMessage());
        }
      }
      residuals.addAll(new SqlResiduals(connection).read());
    } catch (java.sql.SQLException e) {
      unreadable.put("*", "cannot read the database: " + e.getMessage());
    }
  }

  private void publish(RetentionPolicy policy, String namespace, String name, ObservationFinding finding) {
    if (!(finding instanceof ObservationFinding.Observed observed)) {
      return;
    }
    Map<String, Long> ages = new LinkedHashMap<>();
    Map<String, Long> overdue = new LinkedHashMap<>();
    List<JobResults.Problem> problems = new ArrayList<>();
    observed.oldest().forEach((rule, list) -> {
      long age = list.stream().map(ObservedAge::ageSeconds).filter(java.util.Objects::nonNull)
          .mapToLong(Long::longValue).max().orElse(0);
      ages.put(rule, age);
      long past = 0;
      for (ObservedAge o : list) {
        if (o.overdue()) {
          past = Math.max(past, o.ageSeconds() - o.bound().toSeconds());
          problems.add(new JobResults.Problem(JobResults.OVERDUE, "rule " + rule + ": " + o.describe(),
              "rule " + rule + " " + o.what() + " " + o.where() + " " + o.reason()));
        }
      }
      overdue.put(rule, past);
    });
    metrics.oldest(namespace, name, ages);
    metrics.overdueObserved(namespace, name, overdue);
    for (JobResults.Problem problem : reported.onlyNew(policy, problems)) {
      events.record(policy, EventRecorder.Type.Warning, problem.reason(), problem.message() + " (observed in the"
          + " store)");
    }
    if (!observed.unreadable().isEmpty()) {
      LOG.warn("RetentionPolicy {}/{}: could not observe {}", namespace, name, observed.unreadable().keySet());
    }
  }

  private static String key(RetentionPolicy policy) {
    String uid = policy.getMetadata().getUid();
    return uid != null ? uid : policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
  }
}
