package dev.ekyc.operator.it;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One real kube-apiserver (with etcd) per test JVM, started by fabric8 kube-api-test, with the CRDs
 * of {@code crds/} installed. Binaries come from {@code $KUBE_API_TEST_DIR} (default
 * ~/.kubeapitest), where {@code testenv/provision.sh} builds them; when they are there, or when
 * CI=true, kube-api-test runs offline and never tries to download. Stopped when the JVM exits.
 */
public final class TestCluster {
  private static TestCluster instance;

  private final KubeAPIServer server;
  private final KubernetesClient client;
  private final Path kubeconfig;
  private final Duration startup;
  private final List<String> crdNames = new ArrayList<>();

  private TestCluster() throws IOException {
    long started = System.nanoTime();
    server = new KubeAPIServer(config());
    server.start();
    startup = Duration.ofNanos(System.nanoTime() - started);
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kube-api-test-stop"));
    String yaml = server.getKubeConfigYaml();
    kubeconfig = Files.createTempFile("ekyc-it-kubeconfig", ".yaml");
    kubeconfig.toFile().deleteOnExit();
    Files.writeString(kubeconfig, yaml);
    client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
    System.out.printf(
        "[it] kube-apiserver %s started in %d ms%n",
        client.getKubernetesVersion().getGitVersion(), startup.toMillis());
    installCrds();
  }

  public static synchronized TestCluster get() {
    if (instance == null) {
      try {
        instance = new TestCluster();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the test API server: " + e.getMessage(), e);
      }
    }
    return instance;
  }

  private static io.fabric8.kubeapitest.KubeAPIServerConfig config() {
    var builder = KubeAPIServerConfigBuilder.anAPIServerConfig();
    // Version and directory come from KUBE_API_TEST_API_SERVER_VERSION and KUBE_API_TEST_DIR when
    // set.
    if (System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_OFFLINE_MODE) == null
        && (Backends.inCi() || localBinariesPresent())) {
      builder.withOfflineMode(true);
    }
    return builder.build();
  }

  private static boolean localBinariesPresent() {
    String dir = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
    Path root =
        dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".kubeapitest");
    try (Stream<Path> versions = Files.list(root.resolve("k8s"))) {
      return versions.anyMatch(v -> Files.isExecutable(v.resolve("kube-apiserver")));
    } catch (IOException e) {
      return false;
    }
  }

  private void installCrds() throws IOException {
    try (Stream<Path> files = Files.list(ProjectFiles.path("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client.resource(crd).serverSideApply();
          crdNames.add(crd.getMetadata().getName());
        }
      }
    }
    for (String name : crdNames) {
      Eventually.await(
          "CRD " + name + " to be Established",
          Duration.ofSeconds(30),
          () -> client.apiextensions().v1().customResourceDefinitions().withName(name).get(),
          crd ->
              crd.getStatus() != null
                  && crd.getStatus().getConditions().stream()
                      .anyMatch(
                          c -> "Established".equals(c.getType()) && "True".equals(c.getStatus())));
    }
  }

  public KubernetesClient client() {
    return client;
  }

  /** A kubeconfig file for kubectl. */
  public Path kubeconfig() {
    return kubeconfig;
  }

  public Duration startup() {
    return startup;
  }

  public List<String> crdNames() {
    return List.copyOf(crdNames);
  }
}
