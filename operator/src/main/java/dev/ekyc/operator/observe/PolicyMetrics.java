package dev.ekyc.operator.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The contract gauges of docs/metrics.md: {@code ekyc_policy_drifted} and {@code
 * ekyc_policy_compliant} ({@code namespace}, {@code policy}) and {@code ekyc_store_ready} ({@code
 * namespace}, {@code store}, {@code type}). Labels are resource names and a bounded enum only. A
 * deleted resource's series is removed.
 */
public final class PolicyMetrics {
  static final String DRIFTED = "ekyc.policy.drifted";
  static final String COMPLIANT = "ekyc.policy.compliant";
  static final String STORE_READY = "ekyc.store.ready";
  static final String JOB_LAST_SUCCESS = "ekyc.job.last.success.timestamp.seconds";
  static final String OVERDUE = "ekyc.deletion.overdue.seconds";
  static final String DELETED = "ekyc.job.deleted";
  static final String OLDEST = "ekyc.data.oldest.age.seconds";
  static final String ERASED = "ekyc.job.erased";
  static final String POLICY_INFO = "ekyc.policy.info";
  static final String JOB_INTERVAL = "ekyc.job.expected.interval.seconds";
  static final String OBJECT_COPIES = "ekyc.job.object.copies";

  private final MeterRegistry registry;
  private final Map<Tags, AtomicInteger> drifted = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicInteger> compliant = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicInteger> storeReady = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> overdue = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicInteger> info = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> jobInterval = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicLong> oldest = new ConcurrentHashMap<>();
  private final Map<Tags, Long> jobOverdue = new ConcurrentHashMap<>();
  private final Map<Tags, Long> observedOverdue = new ConcurrentHashMap<>();

  /** Runs already counted, per policy and rule, so a record read again is not counted twice. */
  private final Map<Tags, String> countedRuns = new ConcurrentHashMap<>();

  private final Map<Tags, String> countedCopies = new ConcurrentHashMap<>();

  public PolicyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void policy(String namespace, String policy, boolean isDrifted, boolean isCompliant) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy);
    gauge(drifted, DRIFTED, "1 while the RetentionPolicy's Drifted condition is True", tags)
        .set(isDrifted ? 1 : 0);
    gauge(compliant, COMPLIANT, "1 while the RetentionPolicy's Compliant condition is True", tags)
        .set(isCompliant ? 1 : 0);
  }

  /**
   * {@code ekyc_policy_info}: always 1, its {@code mode} label the mode the policy is run in
   * ({@code Enforce}, {@code Audit}, or {@code DryRun} under the operator's --dry-run), so alerts
   * can leave out policies that are not meant to be enforced. A mode change replaces the series.
   */
  public void policyMode(String namespace, String policy, String mode) {
    for (Tags tags : info.keySet()) {
      if (belongsTo(tags, namespace, policy) && !mode.equals(value(tags, "mode"))) {
        remove(info, POLICY_INFO, tags);
      }
    }
    gauge(
            info,
            POLICY_INFO,
            "Always 1; the mode label says how the RetentionPolicy is run (Enforce, Audit, DryRun)",
            Tags.of("namespace", namespace, "policy", policy, "mode", mode))
        .set(1);
  }

  public void removePolicy(String namespace, String policy) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy);
    remove(drifted, DRIFTED, tags);
    remove(compliant, COMPLIANT, tags);
    for (Tags infoTags : info.keySet()) {
      if (belongsTo(infoTags, namespace, policy)) {
        remove(info, POLICY_INFO, infoTags);
      }
    }
    removeJob(namespace, policy);
    oldest(namespace, policy, Map.of());
    overdueObserved(namespace, policy, Map.of());
  }

  /**
   * {@code ekyc_job_expected_interval_seconds}: the longest gap between two runs of the policy's
   * job schedule, so an alert can judge a job's last success against the policy's own schedule
   * instead of one threshold for all.
   */
  public void jobExpectedInterval(
      String namespace, String policy, String job, java.time.Duration longestGap) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy, "job", job);
    for (Tags other : jobInterval.keySet()) {
      if (belongsTo(other, namespace, policy) && !job.equals(value(other, "job"))) {
        removeLong(jobInterval, JOB_INTERVAL, other);
      }
    }
    longGauge(
            jobInterval,
            JOB_INTERVAL,
            "Longest time between two scheduled runs of the policy's sweep or purge job",
            tags)
        .set(longestGap.toSeconds());
  }

  /**
   * {@code ekyc_job_last_success_timestamp_seconds}: the last success of the policy's job (sweep or
   * purge).
   */
  public void jobLastSuccess(String namespace, String policy, String job, Instant time) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy, "job", job);
    longGauge(
            lastSuccess,
            JOB_LAST_SUCCESS,
            "Unix time of the last successful run of the policy's sweep or purge"
                + " job (the CronJob's creation until the first success)",
            tags)
        .set(time.getEpochSecond());
  }

  /**
   * {@code ekyc_deletion_overdue_seconds} of one rule from the jobs' records; see {@link
   * #overdueObserved}.
   */
  public void overdue(String namespace, String policy, Map<String, Long> secondsByRule) {
    replace(jobOverdue, namespace, policy, secondsByRule);
    publishOverdue(namespace, policy);
  }

  /**
   * The same gauge from what the store really holds (observed age past the rule's bound): the
   * series is the larger of the two, so a rule is overdue when either the jobs' records or the
   * store itself say so. Rules that neither source reports lose their series.
   */
  public void overdueObserved(String namespace, String policy, Map<String, Long> secondsByRule) {
    replace(observedOverdue, namespace, policy, secondsByRule);
    publishOverdue(namespace, policy);
  }

  private static void replace(
      Map<Tags, Long> values, String namespace, String policy, Map<String, Long> byRule) {
    values.keySet().removeIf(tags -> belongsTo(tags, namespace, policy));
    byRule.forEach(
        (rule, seconds) ->
            values.put(Tags.of("namespace", namespace, "policy", policy, "rule", rule), seconds));
  }

  private void publishOverdue(String namespace, String policy) {
    Map<Tags, Long> merged = new java.util.HashMap<>();
    for (Map<Tags, Long> source : List.of(jobOverdue, observedOverdue)) {
      source.forEach(
          (tags, seconds) -> {
            if (belongsTo(tags, namespace, policy)) {
              merged.merge(tags, seconds, Math::max);
            }
          });
    }
    for (Tags tags : overdue.keySet()) {
      if (belongsTo(tags, namespace, policy) && !merged.containsKey(tags)) {
        removeLong(overdue, OVERDUE, tags);
      }
    }
    merged.forEach(
        (tags, seconds) ->
            longGauge(
                    overdue,
                    OVERDUE,
                    "Seconds the oldest data the rule selects"
                        + " may be past its promise (or worst case), as last observed; 0 when nothing is overdue",
                    tags)
                .set(seconds));
  }

  /**
   * {@code ekyc_data_oldest_age_seconds} per rule: the age of the oldest data the store really
   * holds that the rule does not keep, as last read from the store (the largest over its kinds:
   * rows, sensitive values, index). Rules not read this time (unreadable store, no longer in the
   * policy) lose their series, so a stale age never stays. Labels are names from the spec, never
   * data.
   */
  public void oldest(String namespace, String policy, Map<String, Long> secondsByRule) {
    for (Tags tags : oldest.keySet()) {
      if (belongsTo(tags, namespace, policy) && !secondsByRule.containsKey(value(tags, "rule"))) {
        removeLong(oldest, OLDEST, tags);
      }
    }
    secondsByRule.forEach(
        (rule, seconds) ->
            longGauge(
                    oldest,
                    OLDEST,
                    "Age of the oldest data the store holds that"
                        + " the rule does not keep (no consent, no hold), read from the store on the drift interval",
                    Tags.of("namespace", namespace, "policy", policy, "rule", rule))
                .set(seconds));
  }

  /**
   * Adds a finished run's deletions and erasures to {@code ekyc_job_deleted_total} and {@code
   * ekyc_job_erased_total} once per run and rule. Dry runs delete nothing and are not counted.
   * After a restart of the operator the last run is counted again on top of a reset counter, which
   * {@code increase()} and {@code rate()} treat as a reset.
   */
  public void countRun(
      String namespace,
      String policy,
      String job,
      String rule,
      String runId,
      long deleted,
      long erased) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy, "job", job, "rule", rule);
    if (runId == null || runId.equals(countedRuns.put(tags, runId))) {
      return;
    }
    Counter.builder(DELETED)
        .description("Objects or rows deleted by the policy's jobs")
        .tags(tags)
        .register(registry)
        .increment(deleted);
    Counter.builder(ERASED)
        .description("Rows whose sensitive columns the policy's jobs erased")
        .tags(tags)
        .register(registry)
        .increment(erased);
  }

  /**
   * Adds a finished object rule's other copies to {@code ekyc_job_object_copies_total}, by {@code
   * kind}: {@code delete_marker_removed}, {@code upload_aborted}, {@code hidden_not_erased} (a
   * deletion answered with a delete marker: still readable, the rule failed). Once per run and
   * rule, like {@link #countRun}.
   */
  public void countObjectCopies(
      String namespace,
      String policy,
      String job,
      String rule,
      String runId,
      long markersRemoved,
      long uploadsAborted,
      long hiddenNotErased) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy, "job", job, "rule", rule);
    if (runId == null || runId.equals(countedCopies.put(tags, runId))) {
      return;
    }
    String[] kinds = {"delete_marker_removed", "upload_aborted", "hidden_not_erased"};
    long[] values = {markersRemoved, uploadsAborted, hiddenNotErased};
    for (int i = 0; i < kinds.length; i++) {
      Counter.builder(OBJECT_COPIES)
          .description(
              "Copies of objects besides current versions that the policy's"
                  + " sweeps removed, or only hid (hidden_not_erased)")
          .tags(tags.and("kind", kinds[i]))
          .register(registry)
          .increment(values[i]);
    }
  }

  /** The job series of a policy that has no job (any more). */
  public void removeJob(String namespace, String policy) {
    for (Tags tags : lastSuccess.keySet()) {
      if (belongsTo(tags, namespace, policy)) {
        removeLong(lastSuccess, JOB_LAST_SUCCESS, tags);
      }
    }
    for (Tags tags : jobInterval.keySet()) {
      if (belongsTo(tags, namespace, policy)) {
        removeLong(jobInterval, JOB_INTERVAL, tags);
      }
    }
    overdue(namespace, policy, Map.of());
    for (Tags tags : countedCopies.keySet()) {
      if (belongsTo(tags, namespace, policy)) {
        countedCopies.remove(tags);
        registry.find(OBJECT_COPIES).tags(tags).counters().forEach(registry::remove);
      }
    }
    for (Tags tags : countedRuns.keySet()) {
      if (belongsTo(tags, namespace, policy)) {
        countedRuns.remove(tags);
        for (String name : new String[] {DELETED, ERASED}) {
          var meter = registry.find(name).tags(tags).counter();
          if (meter != null) {
            registry.remove(meter);
          }
        }
      }
    }
  }

  private static boolean belongsTo(Tags tags, String namespace, String policy) {
    return namespace.equals(value(tags, "namespace")) && policy.equals(value(tags, "policy"));
  }

  private static String value(Tags tags, String key) {
    return tags.stream()
        .filter(t -> t.getKey().equals(key))
        .map(t -> t.getValue())
        .findFirst()
        .orElse(null);
  }

  private AtomicLong longGauge(
      Map<Tags, AtomicLong> values, String name, String description, Tags tags) {
    return values.computeIfAbsent(
        tags,
        t -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(name, value, AtomicLong::get)
              .description(description)
              .tags(t)
              .register(registry);
          return value;
        });
  }

  private void removeLong(Map<Tags, AtomicLong> values, String name, Tags tags) {
    if (values.remove(tags) != null) {
      var meter = registry.find(name).tags(tags).gauge();
      if (meter != null) {
        registry.remove(meter);
      }
    }
  }

  public void store(String namespace, String store, String type, boolean ready) {
    gauge(
            storeReady,
            STORE_READY,
            "1 while the DataStore's Ready condition is True",
            Tags.of("namespace", namespace, "store", store, "type", type))
        .set(ready ? 1 : 0);
  }

  /** The store's series, whatever type it was last reported with. */
  public void removeStore(String namespace, String store) {
    for (Tags tags : storeReady.keySet()) {
      boolean match =
          tags.stream()
                  .anyMatch(t -> t.getKey().equals("namespace") && t.getValue().equals(namespace))
              && tags.stream()
                  .anyMatch(t -> t.getKey().equals("store") && t.getValue().equals(store));
      if (match) {
        remove(storeReady, STORE_READY, tags);
      }
    }
  }

  private AtomicInteger gauge(
      Map<Tags, AtomicInteger> values, String name, String description, Tags tags) {
    return values.computeIfAbsent(
        tags,
        t -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder(name, value, AtomicInteger::get)
              .description(description)
              .tags(t)
              .register(registry);
          return value;
        });
  }

  private void remove(Map<Tags, AtomicInteger> values, String name, Tags tags) {
    if (values.remove(tags) != null) {
      var meter = registry.find(name).tags(tags).gauge();
      if (meter != null) {
        registry.remove(meter);
      }
    }
  }
}
