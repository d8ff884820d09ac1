package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.net.URI;
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
 * bench/drift.sh: the backend reads of the operator's drift cycles over N object-storage policies
 * sharing B buckets of moto. The operator ({@code Main run}, a JVM of its own as in {@link
 * ScaleBench}, with a short {@code --drift-interval}) reaches moto through {@link
 * CountingHttpProxy}, which counts every request by kind; the operator is not changed or mocked.
 * After all policies are Ready and the buckets written, it counts the requests of C whole drift
 * intervals and reports the lifecycle reads per cycle and per bucket (target: one per bucket).
 * Measures only. Arguments: policies (1000), buckets (10), cycles (3), drift interval seconds (10),
 * timeout seconds (600).
 */
public final class DriftBench {
  private DriftBench() {}

  public static void main(String[] args) throws Exception {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int buckets = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Duration interval = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 10);
    Duration timeout = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 600);
    String operatorCp = env("BENCH_OPERATOR_CP", System.getProperty("java.class.path"));
    String javaOptions = env("BENCH_OPERATOR_JAVA_OPTS", "");
    Path log = Path.of(env("BENCH_RUN", "/tmp/ekyc-bench"), "drift-operator.log");
    URI moto = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    KubernetesClient client = TestCluster.get().client();
    List<String> namespaces = new ArrayList<>();
    ExecutorService creators = Executors.newFixedThreadPool(16);
    try (CountingHttpProxy proxy = CountingHttpProxy.to(moto)) {
      String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
      for (int i = 0; i < buckets; i++) {
        String namespace = TestNamespace.create(client, "drift");
        namespaces.add(namespace);
        String bucket = "drift-" + run + "-" + i;
        TestBuckets.create(moto, region, accessKey, secretKey, bucket);
        client
            .resource(
                StoreFixtures.secret(
                    namespace,
                    "s3",
                    Map.of("accessKeyId", accessKey, "secretAccessKey", secretKey)))
            .create();
        client
            .resource(
                StoreFixtures.bucket(
                    namespace, "bucket", proxy.url().toString(), region, bucket, "s3"))
            .create();
      }
      try (OperatorProcess operator =
          OperatorProcess.start(
              operatorCp,
              javaOptions,
              TestCluster.get().kubeconfig(),
              log,
              "--drift-interval",
              interval.toSeconds() + "s")) {
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < policies; i++) {
          RetentionPolicy policy = Serialization.unmarshal(policy("p" + i), RetentionPolicy.class);
          policy.getMetadata().setNamespace(namespaces.get(i % buckets));
          creates.add(creators.submit(() -> client.resource(policy).create()));
        }
        for (Future<?> create : creates) {
          create.get();
        }
        progress(
            "%,d policies on %d buckets created; waiting for Ready and in sync", policies, buckets);
        Eventually.await(
            "all " + policies + " RetentionPolicies Ready and in sync",
            timeout,
            () -> inSyncCount(client, namespaces),
            count -> count >= policies);
        // Settled: a whole interval without a lifecycle write (the first writes of each bucket are
        // done).
        Eventually.await(
            "a drift interval without lifecycle writes",
            timeout,
            () -> {
              proxy.reset();
              pause(interval);
              return proxy.count("PUT ?lifecycle");
            },
            writes -> writes == 0);
        proxy.reset();
        double cpuBefore = operator.cpuSeconds();
        long started = System.nanoTime();
        pause(interval.multipliedBy(cycles)); // the measured window: C drift intervals
        double window = (System.nanoTime() - started) / 1e9;
        double cpu = operator.cpuSeconds() - cpuBefore;
        Map<String, Long> counts = proxy.counts();
        long reads = proxy.count("GET ?lifecycle");
        PrintStream out = dev.ekyc.operator.bench.BenchReport.openForScale();
        out.printf(
            Locale.ROOT,
            "drift (%,d policies on %d buckets, drift interval %d s): %.1f lifecycle reads per"
                + " drift cycle, %.2f per bucket per cycle (target: 1 per bucket); load average %s%n",
            policies,
            buckets,
            interval.toSeconds(),
            reads / (double) cycles,
            reads / (double) cycles / buckets,
            loadAverage());
        out.printf(
            Locale.ROOT,
            "requests to the bucket server in %.1f s (%d cycles): %s%n",
            window,
            cycles,
            counts);
        out.printf(
            Locale.ROOT,
            "operator CPU %.2f s per drift cycle (%.2f ms per policy); JVM options: %s%n",
            cpu / cycles,
            cpu / cycles * 1000 / policies,
            javaOptions.isBlank() ? "(JVM defaults)" : javaOptions);
        out.flush();
      }
    } finally {
      creators.shutdownNow();
      namespaces.forEach(n -> TestNamespace.delete(client, n));
    }
    System.exit(0);
  }

  private static String policy(String name) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: %s}
        spec:
          storeRef: {name: bucket}
          rules:
          - name: uploads
            dataCategory: identification
            objects: {prefix: %s/}
            retention: 30d
        """
        .formatted(name, name);
  }

  /** Policies Ready whose every applied mechanism is InSync. */
  static long inSyncCount(KubernetesClient client, List<String> namespaces) {
    return client.resources(RetentionPolicy.class).inAnyNamespace().list().getItems().stream()
        .filter(p -> namespaces.contains(p.getMetadata().getNamespace()))
        .filter(
            p ->
                p.getStatus() != null
                    && Conditions.find(p.getStatus().conditions, "Ready")
                        .map(c -> "True".equals(c.getStatus()))
                        .orElse(false))
        .filter(
            p ->
                p.getStatus().rules != null
                    && !p.getStatus().rules.isEmpty()
                    && p.getStatus().rules.stream()
                        .allMatch(
                            r ->
                                r.applied != null
                                    && !r.applied.isEmpty()
                                    && r.applied.stream().allMatch(a -> "InSync".equals(a.state))))
        .count();
  }

  /** A measuring window, not a wait for a condition. */
  static void pause(Duration window) {
    try {
      Thread.sleep(window.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  static String loadAverage() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[drift-bench] " + format + "%n", args);
  }
}
