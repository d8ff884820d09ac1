package dev.ekyc.operator.cli;

import dev.ekyc.operator.receipt.ReceiptKeys;
import dev.ekyc.operator.receipt.ReceiptLogException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rotate-key}: replaces the receipt log's signing key; earlier receipts stay verifiable. */
@Command(
    name = "rotate-key",
    mixinStandardHelpOptions = true,
    description = {
      "Rotate the deletion receipt log's signing key: a new Ed25519 key is stored in Secret",
      "ekyc-receipts-signing-key, a KeyRotation receipt signed by the old and the new key is appended, and the old",
      "private key is deleted. Every earlier checkpoint still verifies with the old verifier key; a checkpoint the",
      "old key signs beyond the rotation is refused by 'verify'. Prints the new verifier key: give it to auditors."
    })
public final class RotateKeyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "${env:EKYC_RECEIPTS_NAMESPACE}",
      description =
          "Namespace of the receipt log (the operator's). Default: env EKYC_RECEIPTS_NAMESPACE, else the"
              + " kubeconfig's namespace.")
  String namespace;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use.")
  Path kubeconfig;

  @Override
  public Integer call() throws IOException {
    try (KubernetesClient client =
        kubeconfig == null
            ? new KubernetesClientBuilder().build()
            : new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                .build()) {
      String ns = namespace != null && !namespace.isBlank() ? namespace : client.getNamespace();
      if (ns == null) {
        spec.commandLine()
            .getErr()
            .println("error: no namespace: give -n NS (the namespace the operator runs in)");
        return 2;
      }
      String next = new ReceiptKeys(client, ns).rotate();
      spec.commandLine().getOut().println(next);
      return 0;
    } catch (ReceiptLogException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    } finally {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
    }
  }
}
