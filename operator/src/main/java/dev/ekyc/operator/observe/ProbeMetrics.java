package dev.ekyc.operator.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Probe outcomes and latency per store type: {@code ekyc_datastore_probe_seconds{type,outcome}}.
 * Labels are bounded enums, never resource names or credentials.
 */
public final class ProbeMetrics {
  private final MeterRegistry registry;

  public ProbeMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void recordProbe(String storeType, String outcome, Duration took) {
    Timer.builder("ekyc.datastore.probe")
        .description("Backend probes of DataStores, by store type and outcome")
        .tag("type", storeType)
        .tag("outcome", outcome)
        .register(registry)
        .record(took);
  }
}
