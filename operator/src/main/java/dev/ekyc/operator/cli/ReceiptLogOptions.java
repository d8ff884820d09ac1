package dev.ekyc.operator.cli;

import dev.ekyc.operator.receipt.ClusterReceiptLog;
import dev.ekyc.operator.receipt.ExportedLog;
import dev.ekyc.operator.receipt.LogSnapshot;
import dev.ekyc.operator.receipt.NoteVerifier;
import dev.ekyc.operator.receipt.ReceiptKeys;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where {@code receipts}, {@code verify} and {@code export} read the log: an exported directory or
 * the cluster.
 */
final class ReceiptLogOptions {
  @Option(
      names = "--from",
      paramLabel = "DIR",
      description = "Read an exported log (written by 'export') instead of the cluster's.")
  Path from;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "${env:EKYC_RECEIPTS_NAMESPACE}",
      description =
          "Namespace of the cluster's receipt log (the operator's namespace). Default: env"
              + " EKYC_RECEIPTS_NAMESPACE, else the kubeconfig's namespace.")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig to use. Default: in-cluster service account, else KUBECONFIG or ~/.kube/config.")
  Path kubeconfig;

  LogSnapshot snapshot() throws IOException {
    if (from != null) {
      if (!Files.isDirectory(from)) {
        throw new IllegalArgumentException(
            "--from " + from + " is not a directory: give the directory 'export' wrote");
      }
      return ExportedLog.read(from);
    }
    try (KubernetesClient client = client()) {
      String ns = namespace(client);
      var keys = new ReceiptKeys(client, ns).published().stream().map(NoteVerifier::text).toList();
      return new ClusterReceiptLog(client, ns).snapshot(keys);
    }
  }

  String where() {
    return from != null
        ? from.toString()
        : "the cluster (namespace " + (namespace == null ? "of the kubeconfig" : namespace) + ")";
  }

  private String namespace(KubernetesClient client) {
    if (namespace != null && !namespace.isBlank()) {
      return namespace;
    }
    String current = client.getNamespace();
    if (current == null) {
      throw new IllegalArgumentException(
          "no namespace: give -n NS (the namespace the operator runs in)");
    }
    return current;
  }

  private KubernetesClient client() throws IOException {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }
}
