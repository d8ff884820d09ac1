package dev.ekyc.operator.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ekyc.operator.it.Eventually;
import dev.ekyc.operator.it.ProjectFiles;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator as a user installs it into the test cluster: this build's image loaded into the
 * node, this build's CRDs applied (Helm never upgrades CRDs), the chart installed with the real
 * helm CLI and the test cluster's values ({@link OperatorValues}); and removed again with
 * everything a test left in its namespaces.
 */
final class OperatorRelease {
  static final String RELEASE = "ekyc-operator";
  static final String NAMESPACE = "ekyc-system";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private OperatorRelease() {}

  /**
   * Installs the chart with job ServiceAccounts in {@code jobNamespaces} (created first: the chart
   * needs them); returns the values file, for upgrades.
   */
  static Path install(
      RealCluster cluster, KubernetesClient client, int metricsPort, List<String> jobNamespaces)
      throws IOException {
    Path image = Path.of("target", "jib-image.tar");
    if (!Files.isRegularFile(image)) {
      fail(
          "no operator image at "
              + image.toAbsolutePath()
              + ": the package phase builds it (./mvnw -B package)");
    }
    System.out.println("[it] loaded image " + cluster.loadImage(image).strip());
    cluster.kubectl(
        "apply",
        "--server-side",
        "--force-conflicts",
        "-f",
        ProjectFiles.path("helm/ekyc-operator/crds").toString());
    for (String ns : jobNamespaces) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    Path values = OperatorValues.write(cluster.apiPort(), metricsPort, jobNamespaces);
    long started = System.nanoTime();
    cluster.helm(
        "install",
        RELEASE,
        ProjectFiles.path("helm/ekyc-operator").toString(),
        "--namespace",
        NAMESPACE,
        "--create-namespace",
        "--values",
        values.toString(),
        "--wait",
        "--timeout",
        "3m");
    System.out.printf(
        "[it] helm install --wait: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    return values;
  }

  /**
   * Uninstalls an earlier release and deletes {@code namespaces} and the release's namespace. The
   * operator may have put finalizers on the custom resources; with the operator gone they would
   * keep a namespace forever: dropped first.
   */
  static void removeLeftovers(
      RealCluster cluster, KubernetesClient client, List<String> namespaces) {
    if (!cluster.helm("list", "--namespace", NAMESPACE, "--short").isBlank()) {
      cluster.helm("uninstall", RELEASE, "--namespace", NAMESPACE, "--wait", "--timeout", "3m");
    }
    for (Class<? extends HasMetadata> kind : OperatorValues.KINDS) {
      if (client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(OperatorValues.crdName(kind))
              .get()
          == null) {
        continue;
      }
      for (String ns : namespaces) {
        for (HasMetadata resource : client.resources(kind).inNamespace(ns).list().getItems()) {
          client
              .resources(kind)
              .inNamespace(ns)
              .withName(resource.getMetadata().getName())
              .edit(
                  r -> {
                    r.getMetadata().setFinalizers(List.of());
                    return r;
                  });
        }
      }
    }
    List<String> all = new ArrayList<>(namespaces);
    all.add(NAMESPACE);
    for (String ns : all) {
      client.namespaces().withName(ns).delete();
      Eventually.await(
          "namespace " + ns + " deleted",
          TIMEOUT,
          () -> client.namespaces().withName(ns).get() == null,
          gone -> gone);
    }
  }
}
