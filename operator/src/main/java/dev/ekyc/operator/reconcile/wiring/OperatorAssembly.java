package dev.ekyc.operator.reconcile.wiring;

import dev.ekyc.operator.enforce.Enforcer;
import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.observe.EventRecorder;
import dev.ekyc.operator.observe.KubernetesEventRecorder;
import dev.ekyc.operator.observe.PolicyMetrics;
import dev.ekyc.operator.observe.ProbeMetrics;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.probe.BackendProbe;
import dev.ekyc.operator.probe.BackendProbes;
import dev.ekyc.operator.probe.ProbeTimeouts;
import dev.ekyc.operator.receipt.ReceiptKeys;
import dev.ekyc.operator.reconcile.ConsentPolicyReconciler;
import dev.ekyc.operator.reconcile.DataStoreReconciler;
import dev.ekyc.operator.reconcile.RetentionPolicyReconciler;
import dev.ekyc.operator.reconcile.informer.CacheStores;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.step.PolicyReceipts;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Builds the operator: a JOSDK {@link Operator} with the DataStore, RetentionPolicy and
 * ConsentPolicy controllers. Shared by the {@code run} command and the integration tests, so both
 * run the same wiring.
 */
public final class OperatorAssembly {

  /**
   * @param namespaces the namespaces to watch; empty means all
   * @param leaderElection present to run several replicas with one active
   * @param jobPods how the sweep and purge CronJobs' pods look (the chart's job pod template);
   *     empty: no CronJobs
   * @param receiptsNamespace where the deletion receipt log lives (the operator's namespace);
   *     empty: no receipts
   */
  public record Options(
      Set<String> namespaces,
      Optional<LeaseSettings> leaderElection,
      ReconcileSettings settings,
      ProbeTimeouts probeTimeouts,
      Optional<JobPodSettings> jobPods,
      Optional<String> receiptsNamespace) {

    public Options {
      namespaces = Set.copyOf(namespaces);
    }

    public static Options defaults() {
      return new Options(
          Set.of(),
          Optional.empty(),
          ReconcileSettings.defaults(),
          ProbeTimeouts.DEFAULT,
          Optional.empty(),
          Optional.empty());
    }

    public Options watching(Set<String> value) {
      return new Options(
          value, leaderElection, settings, probeTimeouts, jobPods, receiptsNamespace);
    }

    public Options withSettings(ReconcileSettings value) {
      return new Options(
          namespaces, leaderElection, value, probeTimeouts, jobPods, receiptsNamespace);
    }

    public Options withProbeTimeouts(ProbeTimeouts value) {
      return new Options(namespaces, leaderElection, settings, value, jobPods, receiptsNamespace);
    }

    public Options withLeaderElection(LeaseSettings value) {
      return new Options(
          namespaces, Optional.of(value), settings, probeTimeouts, jobPods, receiptsNamespace);
    }

    public Options withReceiptsIn(String namespace) {
      return new Options(
          namespaces, leaderElection, settings, probeTimeouts, jobPods, Optional.of(namespace));
    }

    public Options withJobPods(JobPodSettings value) {
      return new Options(
          namespaces,
          leaderElection,
          settings,
          probeTimeouts,
          Optional.of(value),
          receiptsNamespace);
    }
  }

  private OperatorAssembly() {}

  /**
   * The operator, not yet started. The caller owns {@code client} and closes it after {@code
   * stop()}. {@code stopRequested} tells a lost lease (exit the process) from a requested stop
   * (just release it).
   */
  public static Operator create(
      KubernetesClient client,
      MeterRegistry registry,
      Options options,
      BooleanSupplier stopRequested) {
    return create(
        client, registry, options, stopRequested, new BackendProbes(options.probeTimeouts()));
  }

  static Operator create(
      KubernetesClient client,
      MeterRegistry registry,
      Options options,
      BooleanSupplier stopRequested,
      BackendProbe probe) {
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  // Bounded labels: no per-resource meters.
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
              options
                  .leaderElection()
                  .ifPresent(
                      lease ->
                          o.withLeaderElectionConfiguration(
                              lease.toConfiguration(stopRequested, LeaseSettings::exitProcess)));
            });
    EventRecorder events = new KubernetesEventRecorder(client);
    PolicyCompiler compiler = new PolicyCompiler();
    ReconcileSettings settings = options.settings();
    PolicyMetrics policyMetrics = new PolicyMetrics(registry);
    // Backend writes may wait for a bucket's or cluster's answer longer than a probe.
    // A bucket read that found a store exactly as planned answers its other policies' checks for
    // most of a drift
    // interval: one lifecycle read per bucket per drift cycle, not one per policy.
    Enforcer enforcer =
        new Enforcer(
            options.probeTimeouts().connect(),
            options.probeTimeouts().read().multipliedBy(3),
            settings.driftInterval().multipliedBy(9).dividedBy(10),
            settings.clock());
    CacheStores caches = CacheStores.forNamespaces(options.namespaces());
    operator.register(
        new DataStoreReconciler(
            probe,
            events,
            new ProbeMetrics(registry),
            settings.probeSchedule(),
            settings.clock(),
            policyMetrics,
            caches),
        namespaces(options.namespaces(), caches));
    RetentionPolicyReconciler policies =
        new RetentionPolicyReconciler(
            compiler, events, settings, enforcer, policyMetrics, options.jobPods(), caches);
    options
        .receiptsNamespace()
        .ifPresent(
            ns ->
                policies.recordingReceipts(
                    new PolicyReceipts(new ReceiptKeys(client, ns), events)));
    operator.register(policies, namespaces(options.namespaces(), caches));
    operator.register(
        new ConsentPolicyReconciler(compiler, events, settings, caches),
        namespaces(options.namespaces(), caches));
    return operator;
  }

  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata>
      Consumer<ControllerConfigurationOverrider<R>> namespaces(
          Set<String> namespaces, CacheStores caches) {
    return o -> {
      o.withItemStore(caches.withoutManagedFields());
      if (namespaces.isEmpty()) {
        o.watchingAllNamespaces();
      } else {
        o.settingNamespaces(namespaces);
      }
    };
  }
}
