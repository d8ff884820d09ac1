package dev.ekyc.operator.reconcile.wiring;

import dev.ekyc.operator.observe.HealthServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator: the JOSDK {@link Operator} plus the health/metrics endpoint. {@code
 * /readyz} answers 200 from the moment the controllers have started until {@link #close()} begins.
 * Closing stops the controllers first (in-flight reconciliations finish), then the endpoint; the
 * caller closes the client.
 */
public final class OperatorRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final Operator operator;
  private final HealthServer health;
  private final AtomicBoolean ready;
  private final AtomicBoolean closed;

  private OperatorRuntime(
      Operator operator, HealthServer health, AtomicBoolean ready, AtomicBoolean closed) {
    this.operator = operator;
    this.health = health;
    this.ready = ready;
    this.closed = closed;
  }

  /** Starts the endpoint first (liveness answers during start-up), then the controllers. */
  public static OperatorRuntime start(
      KubernetesClient client,
      PrometheusMeterRegistry registry,
      OperatorAssembly.Options options,
      InetSocketAddress healthAddress)
      throws IOException {
    AtomicBoolean ready = new AtomicBoolean(false);
    AtomicBoolean closed = new AtomicBoolean(false);
    HealthServer health = new HealthServer(healthAddress, ready::get, registry).start();
    try {
      Operator operator = OperatorAssembly.create(client, registry, options, closed::get);
      operator.start();
      ready.set(true);
      return new OperatorRuntime(operator, health, ready, closed);
    } catch (RuntimeException e) {
      health.close();
      throw e;
    }
  }

  public boolean isReady() {
    return ready.get();
  }

  public int healthPort() {
    return health.port();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ready.set(false);
    try {
      operator.stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping the controllers failed: {}", e.getMessage());
    } finally {
      health.close();
    }
  }
}
