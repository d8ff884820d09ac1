package dev.ekyc.operator.cluster;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The chart values for the test cluster, through the chart's general pod-template overrides only:
 * host network (the cluster has no kube-proxy and the test servers listen on the host's 127.0.0.1)
 * and the API server's address for the operator and its jobs.
 */
final class OperatorValues {
  static final List<Class<? extends HasMetadata>> KINDS =
      List.of(DataStore.class, RetentionPolicy.class, ConsentPolicy.class);

  private OperatorValues() {}

  static Path write(int apiPort, int metricsPort) throws IOException {
    return write(apiPort, metricsPort, List.of());
  }

  /**
   * {@code jobNamespaces}: where the chart creates the job ServiceAccount (jobs.namespaces); empty:
   * the default.
   */
  static Path write(int apiPort, int metricsPort, List<String> jobNamespaces) throws IOException {
    Path file = Files.createTempFile("ekyc-cluster-values", ".yaml");
    Files.writeString(
        file,
        """
        hostNetwork: true
        metrics:
          port: %d
        extraEnv:
          - name: KUBERNETES_SERVICE_HOST
            value: "127.0.0.1"
          - name: KUBERNETES_SERVICE_PORT
            value: "%d"
        jobs:
          namespaces: [%s]
        """
            .formatted(metricsPort, apiPort, String.join(", ", jobNamespaces)));
    return file;
  }

  static String crdName(Class<? extends HasMetadata> kind) {
    return HasMetadata.getPlural(kind) + "." + HasMetadata.getGroup(kind);
  }
}
