package dev.ekyc.operator.reconcile.wiring;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election through a Lease, so that of several replicas only one reconciles.
 *
 * <p>A replica that loses the lease while running must stop at once, or two replicas could delete
 * in parallel; it exits and Kubernetes restarts it as a follower. JOSDK's own exit-on-stop also
 * fires when the operator is stopped on purpose (graceful shutdown, tests) and then calls
 * System.exit from inside the shutdown, so it is turned off and replaced by a callback that exits
 * only when no stop was requested.
 */
public record LeaseSettings(String name, Optional<String> namespace, Optional<String> identity) {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseSettings.class);

  public LeaseSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("the lease needs a name (--lease-name)");
    }
  }

  LeaderElectionConfiguration toConfiguration(BooleanSupplier stopRequested, Runnable exit) {
    var builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(name)
            .withExitOnStopLeading(false)
            .withLeaderCallbacks(
                new LeaderCallbacks(
                    () -> LOG.info("acquired lease {}: this replica reconciles", name),
                    () -> {
                      if (stopRequested.getAsBoolean()) {
                        LOG.info("released lease {}", name);
                      } else {
                        LOG.error(
                            "lost lease {} while running: exiting so that only the new leader reconciles",
                            name);
                        exit.run();
                      }
                    },
                    leader -> LOG.info("lease {} is held by {}", name, leader)));
    namespace.ifPresent(builder::withLeaseNamespace);
    identity.ifPresent(builder::withIdentity);
    return builder.build();
  }

  /**
   * Exits from a new thread: System.exit runs the shutdown hooks, which wait for this callback's
   * thread.
   */
  static void exitProcess() {
    new Thread(() -> System.exit(1), "lost-lease-exit").start();
  }
}
