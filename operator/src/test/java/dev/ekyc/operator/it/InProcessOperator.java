package dev.ekyc.operator.it;

import dev.ekyc.operator.reconcile.settings.ProbeSchedule;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The operator's real wiring ({@link OperatorAssembly}), started inside the test JVM against the
 * test API server and watching only the test's namespaces. Failing stores are retried within
 * seconds so recovery tests do not wait for production back-off.
 */
public final class InProcessOperator implements AutoCloseable {
  static final ProbeSchedule FAST_RETRY =
      new ProbeSchedule(Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(5));

  private final Operator operator;

  private InProcessOperator(Operator operator) {
    this.operator = operator;
  }

  public static InProcessOperator start(KubernetesClient client, String... namespaces) {
    return start(client, FAST_RETRY, namespaces);
  }

  public static InProcessOperator start(
      KubernetesClient client, ProbeSchedule schedule, String... namespaces) {
    return start(
        client,
        new ReconcileSettings(false, schedule, Clock.systemUTC()),
        new SimpleMeterRegistry(),
        namespaces);
  }

  /**
   * With the given settings (e.g. a drift interval of seconds) and a registry the test can read.
   */
  public static InProcessOperator start(
      KubernetesClient client,
      ReconcileSettings settings,
      io.micrometer.core.instrument.MeterRegistry registry,
      String... namespaces) {
    return start(
        OperatorAssembly.Options.defaults().watching(Set.of(namespaces)).withSettings(settings),
        client,
        registry);
  }

  /** With any options, e.g. a job pod template so the operator keeps sweep and purge CronJobs. */
  public static InProcessOperator start(
      OperatorAssembly.Options options,
      KubernetesClient client,
      io.micrometer.core.instrument.MeterRegistry registry) {
    Operator operator = OperatorAssembly.create(client, registry, options, () -> true);
    long started = System.nanoTime();
    operator.start();
    System.out.printf(
        "[it] operator started in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    return new InProcessOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }
}
