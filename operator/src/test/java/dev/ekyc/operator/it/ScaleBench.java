package dev.ekyc.operator.it;

import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/scale.sh: N RetentionPolicies over M namespaces (one MariaDB DataStore each) against the real API server of
 * the integration tests, reconciled by the operator's real wiring started in this JVM. Measures the time from the
 * last create to every policy Ready=True, and this JVM's heap (after GC) and resident memory. Measures only: it
 * asserts nothing about speed. Lives in this package for the ITs' cluster and store fixtures; it is no IT (its
 * name does not end in IT). Arguments: policies (1000), namespaces (100), timeout seconds (600).
 */
public final class ScaleBench {
  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int policies = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int namespaces = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Duration timeout = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 600);
    KubernetesClient client = TestCluster.get().client();
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < namespaces; i++) {
      String namespace = TestNamespace.create(client, "scale");
      names.add(namespace);
      client.resource(StoreFixtures.secret(namespace, "db", Map.of(
          "username", Backends.require("EKYC_IT_MARIADB_USER"),
          "password", Backends.require("EKYC_IT_MARIADB_PASSWORD")))).create();
      client.resource(StoreFixtures.mariadb(namespace, "db", "db", port,
          Backends.require("EKYC_IT_MARIADB_DATABASE"))).create();
    }
    double heapIdle = liveHeapMiB();
    try (InProcessOperator operator = InProcessOperator.start(client, names.toArray(String[]::new))) {
      long firstCreate = System.nanoTime();
      for (int i = 0; i < policies; i++) {
        RetentionPolicy policy = Serialization.unmarshal(policy("p" + i, "t_" + i), RetentionPolicy.class);
        policy.getMetadata().setNamespace(names.get(i % namespaces));
        client.resource(policy).create();
      }
      long lastCreate = System.nanoTime();
      progress("%,d policies created in %.1f s; waiting for Ready", policies, (lastCreate - firstCreate) / 1e9);
      long ready = Eventually.await("all " + policies + " RetentionPolicies Ready", timeout,
          () -> readyCount(client, names), count -> count >= policies);
      long allReady = System.nanoTime();
      double heap = liveHeapMiB();
      PrintStream out = dev.ekyc.operator.bench.BenchReport.openForScale();
      out.printf(Locale.ROOT, "scale (%,d policies in %,d namespaces): all Ready %.1f s after the last create"
              + " (target: 1,000 within 5 s, 10,000 within 30 s)%n", policies, namespaces,
          (allReady - lastCreate) / 1e9);
      out.printf(Locale.ROOT, "creates took %.1f s; %,d Ready; JVM (operator + bench client) live heap %.0f MiB"
              + " (%.0f MiB before the operator), resident %s, max heap %d MiB%n", (lastCreate - firstCreate) / 1e9,
          ready, heap, heapIdle, residentMemory(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
      out.flush();
    } finally {
      names.forEach(n -> TestNamespace.delete(client, n));
    }
    System.exit(0);
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
        """.formatted(name, table);
  }

  private static long readyCount(KubernetesClient client, List<String> namespaces) {
    return client.resources(RetentionPolicy.class).inAnyNamespace().list().getItems().stream()
        .filter(p -> namespaces.contains(p.getMetadata().getNamespace()))
        .filter(p -> p.getStatus() != null && Conditions.find(p.getStatus().conditions, "Ready")
            .map(c -> "True".equals(c.getStatus())).orElse(false))
        .count();
  }

  private static double liveHeapMiB() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
  }

  private static String residentMemory() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
        .map(l -> l.substring("VmRSS:".length()).trim()).findFirst().orElse("unknown");
  }

  private static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[scale-bench] " + format + "%n", args);
  }
}
