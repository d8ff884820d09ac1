package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.policy.OwnedNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.net.URI;
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
 * bench/drift.sh search: the search-cluster requests of the operator's drift cycles over N ILM
 * policies on S search DataStores of the test environment's one Elasticsearch 6.8. As {@link
 * DriftBench}: the operator ({@code Main run}, a JVM of its own) reaches the cluster through {@link
 * CountingHttpProxy} (counting by path shape), and after every policy is Ready and in sync it
 * counts the requests of C whole drift intervals. Target: one policy listing per cluster per cycle.
 * Creates no index (patterns match none: the reads are the same, with smaller answers). Measures
 * only. Arguments: policies (1000), stores (10), cycles (3), drift interval seconds (10), timeout
 * seconds (600).
 */
public final class SearchDriftBench {
  private SearchDriftBench() {}

  public static void main(String[] args) throws Exception {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int stores = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Duration interval = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 10);
    Duration timeout = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 600);
    String operatorCp = DriftBench.env("BENCH_OPERATOR_CP", System.getProperty("java.class.path"));
    String javaOptions = DriftBench.env("BENCH_OPERATOR_JAVA_OPTS", "");
    Path log = Path.of(DriftBench.env("BENCH_RUN", "/tmp/ekyc-bench"), "drift-search-operator.log");
    URI es = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    KubernetesClient client = TestCluster.get().client();
    List<String> namespaces = new ArrayList<>();
    ExecutorService creators = Executors.newFixedThreadPool(16);
    String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    try (CountingHttpProxy proxy = CountingHttpProxy.toSearch(es)) {
      for (int i = 0; i < stores; i++) {
        String namespace = TestNamespace.create(client, "sdrift");
        namespaces.add(namespace);
        client
            .resource(
                StoreFixtures.search(
                    namespace, "logs", SearchEngine.Elasticsearch, proxy.url().toString(), null))
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
          RetentionPolicy policy =
              Serialization.unmarshal(policy("p" + i, run), RetentionPolicy.class);
          policy.getMetadata().setNamespace(namespaces.get(i % stores));
          creates.add(creators.submit(() -> client.resource(policy).create()));
        }
        for (Future<?> create : creates) {
          create.get();
        }
        progress(
            "%,d policies on %d search stores created; waiting for Ready and in sync",
            policies, stores);
        Eventually.await(
            "all " + policies + " RetentionPolicies Ready and in sync",
            timeout,
            () -> DriftBench.inSyncCount(client, namespaces),
            count -> count >= policies);
        Eventually.await(
            "a drift interval without writes to the cluster",
            timeout,
            () -> {
              proxy.reset();
              DriftBench.pause(interval);
              return writes(proxy.counts());
            },
            writes -> writes == 0);
        proxy.reset();
        double cpuBefore = operator.cpuSeconds();
        long started = System.nanoTime();
        DriftBench.pause(interval.multipliedBy(cycles)); // the measured window: C drift intervals
        double window = (System.nanoTime() - started) / 1e9;
        double cpu = operator.cpuSeconds() - cpuBefore;
        Map<String, Long> counts = proxy.counts();
        long all = counts.values().stream().mapToLong(Long::longValue).sum();
        long listings = proxy.count("GET /_ilm/policy");
        long singles = proxy.count("GET /_ilm/policy/{name}");
        PrintStream out = dev.ekyc.operator.bench.BenchReport.openForScale();
        out.printf(
            Locale.ROOT,
            "search drift (%,d ILM policies on %d stores of one Elasticsearch, drift interval %d s):"
                + " %.1f requests per drift cycle (%.2f per policy); ILM policy listings %.2f per store per cycle"
                + " (target: 1), single ILM policy reads %.1f per cycle; load average %s%n",
            policies,
            stores,
            interval.toSeconds(),
            all / (double) cycles,
            all / (double) cycles / policies,
            listings / (double) cycles / stores,
            singles / (double) cycles,
            DriftBench.loadAverage());
        out.printf(
            Locale.ROOT,
            "requests to the cluster in %.1f s (%d cycles): %s%n",
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
      removeOwned(new SearchHttp(es.toString()), namespaces);
    }
    System.exit(0);
  }

  private static long writes(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("GET "))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * The bench's ILM policies and templates (the operator is gone, so nothing removes them
   * otherwise).
   */
  private static void removeOwned(SearchHttp es, List<String> namespaces) {
    for (String namespace : namespaces) {
      String prefix = OwnedNames.searchPrefix(namespace, "logs");
      es.send("DELETE", "/_template/" + prefix + "*", null);
      es.get("/_ilm/policy")
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (name.startsWith(prefix)) {
                  es.send("DELETE", "/_ilm/policy/" + name, null);
                }
              });
    }
  }

  private static String policy(String name, String run) {
    return """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: %s}
        spec:
          storeRef: {name: logs}
          safety:
            legalHold:
              indexAlias: sdrift-%s-hold
          rules:
          - name: oplog
            dataCategory: operation-log
            purpose: analysing faults
            legalBasis: Contract
            indices:
              pattern: "sdrift-%s-%s-*"
              writeWindow: 1d
            retention: 730d
        """
        .formatted(name, run, run, name);
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[drift-bench] " + format + "%n", args);
  }
}
