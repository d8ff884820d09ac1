package dev.ekyc.operator.reconcile.step;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.RetentionRule;
import dev.ekyc.operator.enforce.StoreAccess;
import dev.ekyc.operator.enforce.StoreObservation;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.policy.DeclaredResiduals;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.ObservedAge;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.reconcile.status.JobResults;
import dev.ekyc.operator.reconcile.status.ObservationFinding;
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
 * Reads, per rule, the oldest data the store really holds that the rule does not keep, and the
 * copies outside the live store, once per drift interval per policy (a reconcile triggered by
 * anything else in between reuses the last reading: the reads cost the store, see
 * docs/architecture.md "Observed age"). Publishes {@code ekyc_data_oldest_age_seconds} and the
 * observed part of {@code ekyc_deletion_overdue_seconds}, and records a Warning event {@code
 * DeletionOverdue} once per rule and place while it lasts. Read-only on every backend.
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

  public ObservationFinding observe(
      RetentionPolicy policy,
      boolean ready,
      Optional<DataStore> store,
      EnforcementPlan plan,
      StoreAccessFactory access,
      Instant now) {
    String namespace = policy.getMetadata().getNamespace();
    String name = policy.getMetadata().getName();
    Optional<PolicyPlan> policyPlan = plan.policy(dev.ekyc.operator.policy.ResourceRef.of(policy));
    if (!ready || store.isEmpty() || policyPlan.isEmpty()) {
      forget(policy);
      return new ObservationFinding.None();
    }
    String key = key(policy);
    String generation =
        policy.getMetadata().getGeneration() + "/" + store.get().getMetadata().getGeneration();
    Last previous = last.get(key);
    if (previous != null
        && previous.generation().equals(generation)
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
    metrics.overdueObserved(
        policy.getMetadata().getNamespace(), policy.getMetadata().getName(), Map.of());
  }

  private static ObservationFinding read(
      RetentionPolicy policy,
      DataStore store,
      EnforcementPlan plan,
      PolicyPlan policyPlan,
      StoreAccessFactory access) {
    StoreObservation.Observation observed;
    try {
      StoreAccess storeAccess = access.of(store, plan);
      observed =
          StoreObservation.read(
              store,
              storeAccess.credentials(),
              policyPlan,
              rule -> DeclaredResiduals.acceptedKinds(specRule(policy, rule)));
    } catch (RuntimeException e) {
      // No credentials (Secret missing): nothing read, said per store.
      observed =
          new StoreObservation.Observation(
              Map.of(),
              DeclaredResiduals.of(store),
              Map.of(),
              Map.of("*", String.valueOf(e.getMessage())));
    }
    return new ObservationFinding.Observed(
        observed.oldest(), observed.residuals(), observed.verdicts(), observed.unreadable());
  }

  private static RetentionRule specRule(RetentionPolicy policy, String name) {
    return policy.getSpec().rules.stream()
        .filter(r -> name.equals(r.name))
        .findFirst()
        .orElse(null);
  }

  private void publish(
      RetentionPolicy policy, String namespace, String name, ObservationFinding finding) {
    if (!(finding instanceof ObservationFinding.Observed observed)) {
      return;
    }
    Map<String, Long> ages = new LinkedHashMap<>();
    Map<String, Long> overdue = new LinkedHashMap<>();
    List<JobResults.Problem> problems = new ArrayList<>();
    observed
        .oldest()
        .forEach(
            (rule, list) -> {
              long age =
                  list.stream()
                      .map(ObservedAge::ageSeconds)
                      .filter(java.util.Objects::nonNull)
                      .mapToLong(Long::longValue)
                      .max()
                      .orElse(0);
              ages.put(rule, age);
              long past = 0;
              for (ObservedAge o : list) {
                if (o.overdue()) {
                  past = Math.max(past, o.ageSeconds() - o.bound().toSeconds());
                  problems.add(
                      new JobResults.Problem(
                          JobResults.OVERDUE,
                          "rule " + rule + ": " + o.describe(),
                          // One event per rule, kind and place while it lasts (the age grows, ISM's
                          // message changes).
                          "rule " + rule + " " + o.what() + " " + o.where()));
                }
              }
              overdue.put(rule, past);
            });
    metrics.oldest(namespace, name, ages);
    metrics.overdueObserved(namespace, name, overdue);
    for (JobResults.Problem problem : reported.onlyNew(policy, problems)) {
      events.record(
          policy,
          EventRecorder.Type.Warning,
          problem.reason(),
          problem.message() + " (observed in the" + " store)");
    }
    if (!observed.unreadable().isEmpty()) {
      LOG.warn(
          "RetentionPolicy {}/{}: could not observe {}",
          namespace,
          name,
          observed.unreadable().keySet());
    }
  }

  private static String key(RetentionPolicy policy) {
    String uid = policy.getMetadata().getUid();
    return uid != null
        ? uid
        : policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
  }
}
