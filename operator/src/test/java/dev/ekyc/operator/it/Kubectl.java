package dev.ekyc.operator.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the kubectl that kube-api-test's binary directory holds, against the test API server, as a
 * user would.
 */
public final class Kubectl {
  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(Path kubeconfig) {
    this.binary = locate();
    this.kubeconfig = kubeconfig;
  }

  /** Runs kubectl with the arguments; fails the test with kubectl's output if it exits non-zero. */
  public String run(String... args) {
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("kubectl " + String.join(" ", args) + " did not finish within 60s");
      }
      if (process.exitValue() != 0) {
        fail(
            "kubectl "
                + String.join(" ", args)
                + " exited with "
                + process.exitValue()
                + ":\n"
                + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running kubectl", e);
    }
  }

  /** $EKYC_IT_KUBE_BIN_DIR/kubectl, else the newest $KUBE_API_TEST_DIR/k8s/<version>/kubectl. */
  private static Path locate() {
    String binDir = System.getenv("EKYC_IT_KUBE_BIN_DIR");
    if (binDir != null && Files.isExecutable(Path.of(binDir, "kubectl"))) {
      return Path.of(binDir, "kubectl");
    }
    String dir = System.getenv("KUBE_API_TEST_DIR");
    Path root =
        (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".kubeapitest"))
            .resolve("k8s");
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("kubectl"))
          .filter(Files::isExecutable)
          .max(Comparator.comparing(Path::toString))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no kubectl under "
                          + root
                          + ": run testenv/provision.sh k8s (it builds kubectl next to kube-apiserver)"));
    } catch (IOException e) {
      throw new IllegalStateException(
          "no kubectl: "
              + root
              + " cannot be read ("
              + e.getMessage()
              + "); run testenv/provision.sh k8s",
          e);
    }
  }
}
