package dev.ekyc.operator.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contract gauges of docs/metrics.md: {@code ekyc_policy_drifted} and {@code ekyc_policy_compliant}
 * ({@code namespace}, {@code policy}) and {@code ekyc_store_ready} ({@code namespace}, {@code store},
 * {@code type}). Labels are resource names and a bounded enum only. A deleted resource's series is removed.
 */
public final class PolicyMetrics {
  static final String DRIFTED = "ekyc.policy.drifted";
  static final String COMPLIANT = "ekyc.policy.compliant";
  static final String STORE_READY = "ekyc.store.ready";

  private final MeterRegistry registry;
  private final Map<Tags, AtomicInteger> drifted = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicInteger> compliant = new ConcurrentHashMap<>();
  private final Map<Tags, AtomicInteger> storeReady = new ConcurrentHashMap<>();

  public PolicyMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void policy(String namespace, String policy, boolean isDrifted, boolean isCompliant) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy);
    gauge(drifted, DRIFTED, "1 while the RetentionPolicy's Drifted condition is True", tags).set(isDrifted ? 1 : 0);
    gauge(compliant, COMPLIANT, "1 while the RetentionPolicy's Compliant condition is True", tags)
        .set(isCompliant ? 1 : 0);
  }

  public void removePolicy(String namespace, String policy) {
    Tags tags = Tags.of("namespace", namespace, "policy", policy);
    remove(drifted, DRIFTED, tags);
    remove(compliant, COMPLIANT, tags);
  }

  public void store(String namespace, String store, String type, boolean ready) {
    gauge(storeReady, STORE_READY, "1 while the DataStore's Ready condition is True",
        Tags.of("namespace", namespace, "store", store, "type", type)).set(ready ? 1 : 0);
  }

  /** The store's series, whatever type it was last reported with. */
  public void removeStore(String namespace, String store) {
    for (Tags tags : storeReady.keySet()) {
      boolean match = tags.stream().anyMatch(t -> t.getKey().equals("namespace") && t.getValue().equals(namespace))
          && tags.stream().anyMatch(t -> t.getKey().equals("store") && t.getValue().equals(store));
      if (match) {
        remove(storeReady, STORE_READY, tags);
      }
    }
  }

  private AtomicInteger gauge(Map<Tags, AtomicInteger> values, String name, String description, Tags tags) {
    return values.computeIfAbsent(tags, t -> {
      AtomicInteger value = new AtomicInteger();
      Gauge.builder(name, value, AtomicInteger::get).description(description).tags(t).register(registry);
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
