package dev.ekyc.operator.cli;

import dev.ekyc.operator.job.cronjob.JobPodSettings;
import dev.ekyc.operator.probe.ProbeTimeouts;
import dev.ekyc.operator.reconcile.settings.ReconcileSettings;
import dev.ekyc.operator.reconcile.wiring.LeaseSettings;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import dev.ekyc.operator.reconcile.wiring.OperatorRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code run}: the operator process, as the Deployment starts it. Runs until SIGTERM. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the operator: probe DataStores, plan RetentionPolicies and ConsentPolicies, apply their S3 lifecycle",
      "rules and ILM/ISM policies (Enforce mode; Audit and --dry-run only report), correct drift, report status.",
      "Serves /healthz, /readyz and /metrics on --health-port. Stops gracefully on SIGTERM."
    })
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      split = ",",
      paramLabel = "NS",
      defaultValue = "${env:EKYC_WATCH_NAMESPACES}",
      description =
          "Namespace(s) to watch, repeatable or comma-separated. Default: all namespaces"
              + " (env EKYC_WATCH_NAMESPACES).")
  List<String> namespaces = List.of();

  @Option(
      names = "--leader-election",
      defaultValue = "${env:EKYC_LEADER_ELECTION:-false}",
      description =
          "Elect a leader through a Lease, so only one replica reconciles (env EKYC_LEADER_ELECTION).")
  boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "ekyc-operator-leader",
      description = "Name of the Lease. Default: ${DEFAULT-VALUE}.")
  String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:POD_NAMESPACE}",
      description =
          "Namespace of the Lease. Default: env POD_NAMESPACE, else the client's current namespace.")
  String leaseNamespace;

  @Option(
      names = "--receipts-namespace",
      defaultValue = "${env:EKYC_RECEIPTS_NAMESPACE:-${env:POD_NAMESPACE}}",
      description =
          "Namespace of the deletion receipt log (ConfigMaps ekyc-receipts*, Secret"
              + " ekyc-receipts-signing-key). Default: env EKYC_RECEIPTS_NAMESPACE, else POD_NAMESPACE, else the client's"
              + " current namespace; 'none' records no receipts.")
  String receiptsNamespace;

  @Option(
      names = "--lease-identity",
      defaultValue = "${env:POD_NAME}",
      description =
          "This replica's name in the Lease. Default: env POD_NAME (the chart sets it), else the host name;"
              + " pods on the host network share the host name, so they need POD_NAME.")
  String leaseIdentity;

  @Option(
      names = "--health-port",
      defaultValue = "8080",
      description = "Port of /healthz, /readyz and /metrics. Default: ${DEFAULT-VALUE}.")
  int healthPort;

  @Option(
      names = "--health-address",
      defaultValue = "0.0.0.0",
      description = "Address to bind the health port to. Default: ${DEFAULT-VALUE}.")
  String healthAddress;

  @Option(
      names = "--probe-connect-timeout",
      defaultValue = "5s",
      converter = ShortDuration.class,
      description =
          "How long a backend probe may wait for a connection, e.g. 5s. Default: ${DEFAULT-VALUE}.")
  Duration probeConnectTimeout;

  @Option(
      names = "--probe-read-timeout",
      defaultValue = "10s",
      converter = ShortDuration.class,
      description =
          "How long a backend probe may wait for an answer, e.g. 10s. Default: ${DEFAULT-VALUE}.")
  Duration probeReadTimeout;

  @Option(
      names = "--drift-interval",
      defaultValue = "${env:EKYC_DRIFT_INTERVAL:-30s}",
      converter = ShortDuration.class,
      description =
          "How often every applied lifecycle rule and ILM/ISM policy is re-read and compared with the plan,"
              + " e.g. 30s, 2m (env EKYC_DRIFT_INTERVAL). Default: 30s.")
  Duration driftInterval;

  @Option(
      names = "--cleanup-timeout",
      defaultValue = "10m",
      converter = ShortDuration.class,
      description =
          "How long a deleted RetentionPolicy keeps retrying to remove its backend configuration when the"
              + " backend is unreachable, before it is deleted anyway with a Warning event. Default: ${DEFAULT-VALUE}.")
  Duration cleanupTimeout;

  @Override
  public Integer call() throws Exception {
    boolean dryRun = dryRunRequested();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);

    KubernetesClient client = new KubernetesClientBuilder().build();
    OperatorAssembly.Options options =
        OperatorAssembly.Options.defaults()
            .watching(new LinkedHashSet<>(namespaces == null ? List.of() : namespaces))
            .withSettings(
                ReconcileSettings.defaults()
                    .withDryRun(dryRun)
                    .withDriftInterval(driftInterval)
                    .withCleanupTimeout(cleanupTimeout))
            .withProbeTimeouts(new ProbeTimeouts(probeConnectTimeout, probeReadTimeout));
    // The chart always sets the job pod template; without it (a hand-run operator) no CronJob is
    // created.
    String jobTemplate = System.getenv(JobPodSettings.ENVIRONMENT_VARIABLE);
    if (jobTemplate != null && !jobTemplate.isBlank()) {
      try {
        options = options.withJobPods(JobPodSettings.fromJson(jobTemplate));
      } catch (IllegalArgumentException e) {
        client.close();
        spec.commandLine().getErr().println("error: " + e.getMessage());
        return 2;
      }
    } else {
      LOG.warn(
          "{} is not set: no sweep or purge CronJobs are created (the Helm chart sets it)",
          JobPodSettings.ENVIRONMENT_VARIABLE);
    }
    String receipts =
        receiptsNamespace == null || receiptsNamespace.isBlank()
            ? client.getNamespace()
            : receiptsNamespace;
    if (receipts != null && !"none".equals(receipts)) {
      options = options.withReceiptsIn(receipts);
      LOG.info("deletion receipts are appended to the log in namespace {}", receipts);
    } else {
      LOG.warn(
          "no namespace for the deletion receipt log (--receipts-namespace): no receipts are recorded");
    }
    if (leaderElection) {
      options =
          options.withLeaderElection(
              new LeaseSettings(
                  leaseName,
                  Optional.ofNullable(leaseNamespace).filter(ns -> !ns.isBlank()),
                  Optional.ofNullable(leaseIdentity).filter(id -> !id.isBlank())));
    }

    // Fail fast with one clear line when the API is unreachable, instead of informer stack traces.
    try {
      LOG.info(
          "Kubernetes API {} (server {})",
          client.getMasterUrl(),
          client.getKubernetesVersion().getGitVersion());
    } catch (KubernetesClientException e) {
      client.close();
      spec.commandLine()
          .getErr()
          .println(
              "error: cannot reach the Kubernetes API at "
                  + client.getMasterUrl()
                  + ": "
                  + rootMessage(e)
                  + "\n  Set KUBECONFIG, or run in a cluster with a service account.");
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    OperatorRuntime runtime;
    try {
      runtime =
          OperatorRuntime.start(
              client, registry, options, new InetSocketAddress(healthAddress, healthPort));
    } catch (KubernetesClientException | OperatorException e) {
      client.close();
      spec.commandLine()
          .getErr()
          .println(
              "error: cannot start the operator against the Kubernetes API at "
                  + client.getMasterUrl()
                  + ": "
                  + rootMessage(e)
                  + "\n  Check KUBECONFIG (or the in-cluster service account) and that the CRDs in crds/ are installed.");
      return 1;
    } catch (java.net.BindException e) {
      client.close();
      spec.commandLine()
          .getErr()
          .println(
              "error: cannot listen on "
                  + healthAddress
                  + ":"
                  + healthPort
                  + " ("
                  + e.getMessage()
                  + "): choose another --health-port");
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down");
                  try {
                    runtime.close();
                  } finally {
                    client.close();
                    stopped.countDown();
                  }
                },
                "shutdown"));
    LOG.info(
        "operator started: namespaces={}, leaderElection={}, dryRun={}, driftInterval={}, health port {}",
        options.namespaces().isEmpty() ? "all" : options.namespaces(),
        leaderElection,
        dryRun,
        driftInterval,
        runtime.healthPort());
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootText =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage());
    return root == e ? rootText : e.getMessage() + " (" + rootText + ")";
  }

  /**
   * {@code --dry-run} is a global option of the root command; read it without depending on that
   * class.
   */
  private boolean dryRunRequested() {
    for (CommandSpec s : Set.of(spec, spec.root())) {
      OptionSpec option = s.findOption("--dry-run");
      if (option != null && Boolean.TRUE.equals(option.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Parses a short duration option such as 500ms, 5s or 2m. */
  static final class ShortDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      Duration d = null;
      try {
        if (v.endsWith("ms")) d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        else if (v.endsWith("s"))
          d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
        else if (v.endsWith("m"))
          d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } catch (NumberFormatException e) {
        d = null;
      }
      if (d == null || d.isZero() || d.isNegative()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a positive duration: write a whole number and"
                + " ms, s or m, e.g. 500ms, 5s, 2m");
      }
      return d;
    }
  }
}
