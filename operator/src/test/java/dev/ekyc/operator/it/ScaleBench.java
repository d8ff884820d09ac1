package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * bench/scale.sh: N RetentionPolicies over M namespaces (one MariaDB DataStore each) against the
 * real API server of the integration tests, reconciled by the operator started as its image runs it
 * ({@code Main run}) in a JVM of its own with the JVM options of {@code BENCH_OPERATOR_JAVA_OPTS}
 * (bench/scale.sh passes the chart's defaults) and the classes of {@code BENCH_OPERATOR_CP}
 * (another build's, for a before/after figure). Policies are created by {@code
 * BENCH_CREATE_THREADS} (16) parallel requests. Measures the time from the last create to every
 * policy Ready=True, the operator's CPU time, reconciliations, live heap after GC and resident
 * memory. Measures only: it asserts nothing about speed. Lives in this package for the ITs' cluster
 * and store fixtures; it is no IT (its name does not end in IT). Arguments: policies (1000),
 * namespaces (100), timeout seconds (600).
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Duration timeout = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 600);
    String operatorCp = env("BENCH_OPERATOR_CP", System.getProperty("java.class.path"));
    String javaOptions = env("BENCH_OPERATOR_JAVA_OPTS", "");
    int threads = Integer.parseInt(env("BENCH_CREATE_THREADS", "16"));
    Path log = Path.of(env("BENCH_RUN", "/tmp/ekyc-bench"), "scale-operator.log");
    KubernetesClient client = TestCluster.get().client();
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      String namespace = TestNamespace.create(client, "scale");
      names.add(namespace);
      client
          .resource(
              StoreFixtures.secret(
                  namespace,
                  "db",
                  Map.of(
                      "username", Backends.require("EKYC_IT_MARIADB_USER"),
                      "password", Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
          .create();
      client
          .resource(
              StoreFixtures.mariadb(
                  namespace, "db", "db", port, Backends.require("EKYC_IT_MARIADB_DATABASE")))
          .create();
    }
    progress("operator: java %s (log %s)", javaOptions, log);
    ExecutorService creators = Executors.newFixedThreadPool(threads);
    try (OperatorProcess operator =
        OperatorProcess.start(operatorCp, javaOptions, TestCluster.get().kubeconfig(), log)) {
      double[] rssIdle = operator.residentMiB();
      double cpuIdle = operator.cpuSeconds();
      long firstCreate = System.nanoTime();
      List<Future<?>> creates = new ArrayList<>();
      for (int i = 0; i < policies; i++) {
        RetentionPolicy policy =
            Serialization.unmarshal(policy("p" + i, "t_" + i), RetentionPolicy.class);
        policy.getMetadata().setNamespace(names.get(i % namespaces));
        creates.add(creators.submit(() -> client.resource(policy).create()));
      }
      for (Future<?> create : creates) {
        create.get();
      }
      long lastCreate = System.nanoTime();
      double cpuAtLastCreate = operator.cpuSeconds();
      progress(
          "%,d policies created in %.1f s (%d parallel requests); waiting for Ready",
          policies, (lastCreate - firstCreate) / 1e9, threads);
      long ready =
          Eventually.await(
              "all " + policies + " RetentionPolicies Ready",
              timeout,
              () -> readyCount(client, names),
              count -> count >= policies);
      long allReady = System.nanoTime();
      double cpuAtReady = operator.cpuSeconds();
      progress("all Ready %.1f s after the last create", (allReady - lastCreate) / 1e9);
      double reconciles = operator.metricSum("operator_sdk_reconciliations_started_total");
      double[] rss = operator.residentMiB();
      double[] heap = operator.liveHeapMiB();
      double live = operator.histogram(log.resolveSibling("scale-operator-histogram.txt"));
      PrintStream out = dev.ekyc.operator.bench.BenchReport.openForScale();
      out.printf(
          Locale.ROOT,
          "scale (%,d policies in %,d namespaces): all Ready %.1f s after the last create"
              + " (target: 1,000 within 5 s, 10,000 within 30 s); load average %s%n",
          policies,
          namespaces,
          (allReady - lastCreate) / 1e9,
          loadAverage());
      out.printf(
          Locale.ROOT,
          "operator CPU %.1f s from the first create to all Ready (%.1f s of it after the last"
              + " create); %.0f reconciliations started (all controllers); %.1f ms CPU per policy%n",
          cpuAtReady - cpuIdle,
          cpuAtReady - cpuAtLastCreate,
          reconciles,
          (cpuAtReady - cpuIdle) * 1000 / policies);
      out.printf(
          Locale.ROOT,
          "operator resident %s (%.0f MiB before the creates); heap used after a full GC %.0f MiB,"
              + " live objects %.0f MiB (class histogram), max heap %.0f MiB; JVM options: %s%n",
          OperatorProcess.describe(rss),
          rssIdle[0],
          heap[0],
          live,
          heap[1],
          javaOptions.isBlank() ? "(none: the JVM's defaults)" : javaOptions);
      out.printf(
          Locale.ROOT,
          "creates took %.1f s (%d parallel requests, %.0f/s); %,d Ready%n",
          (lastCreate - firstCreate) / 1e9,
          threads,
          policies / ((lastCreate - firstCreate) / 1e9),
          ready);
      out.flush();
    } finally {
      creators.shutdownNow();
      names.forEach(n -> TestNamespace.delete(client, n));
    }
    System.exit(0);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static String policy(String name, String table) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: %s}
        spec:
          storeRef: {name: db}
          rules:
          - name: records
            dataCategory: identification
            table: {name: %s, timestampColumn: created_at, key: id}
            retention: 30d
        """
        .formatted(name, table);
  }

  private static long readyCount(KubernetesClient client, List<String> namespaces) {
    return client.resources(RetentionPolicy.class).inAnyNamespace().list().getItems().stream()
        .filter(p -> namespaces.contains(p.getMetadata().getNamespace()))
        .filter(
            p ->
                p.getStatus() != null
                    && Conditions.find(p.getStatus().conditions, "Ready")
                        .map(c -> "True".equals(c.getStatus()))
                        .orElse(false))
        .count();
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[scale-bench] " + format + "%n", args);
  }
}
