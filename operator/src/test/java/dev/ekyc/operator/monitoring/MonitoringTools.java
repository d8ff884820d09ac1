package dev.ekyc.operator.monitoring;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The real monitoring tools the alerting tests run: Debian's promtool, prometheus,
 * prometheus-alertmanager and lua5.1 ({@code testenv/provision.sh monitoring}, part of {@code all})
 * and the helm testenv builds for the cluster tier (its path from the cluster's endpoints file, or
 * $EKYC_HELM, or helm on the PATH). Missing on a developer machine: the test is skipped with the
 * command to run; with CI=true it fails.
 */
public final class MonitoringTools {
  private MonitoringTools() {}

  public static Path promtool() {
    return onPath("promtool", "testenv/provision.sh monitoring (Debian's prometheus package)");
  }

  public static Path prometheus() {
    return onPath("prometheus", "testenv/provision.sh monitoring (Debian's prometheus package)");
  }

  public static Path alertmanager() {
    return onPath(
        "prometheus-alertmanager",
        "testenv/provision.sh monitoring (Debian's prometheus-alertmanager)");
  }

  public static Path lua() {
    return onPath("lua5.1", "testenv/provision.sh monitoring (Debian's lua5.1)");
  }

  /**
   * testenv's kstatus program ({@code testenv/provision.sh kstatus}): $EKYC_KSTATUS, else testenv's
   * cache.
   */
  public static Path kstatus() {
    String explicit = System.getenv("EKYC_KSTATUS");
    if (explicit != null && !explicit.isBlank()) {
      return executable(Path.of(explicit), "$EKYC_KSTATUS");
    }
    String cache = System.getenv("EKYC_TESTENV_CACHE");
    Path dir =
        cache != null && !cache.isBlank()
            ? Path.of(cache)
            : "root".equals(System.getProperty("user.name"))
                ? Path.of("/var/cache/ekyc-testenv")
                : Path.of(System.getProperty("user.home"), ".cache", "ekyc-testenv");
    return executable(
        dir.resolve("kstatus").resolve("kstatus"),
        "testenv/provision.sh kstatus (testenv's cache)");
  }

  public static Path helm() {
    String explicit = System.getenv("EKYC_HELM");
    if (explicit != null && !explicit.isBlank()) {
      return executable(Path.of(explicit), "$EKYC_HELM");
    }
    Optional<Path> fromCluster = clusterHelm();
    if (fromCluster.isPresent() && Files.isExecutable(fromCluster.get())) {
      return fromCluster.get();
    }
    return onPath(
        "helm",
        "testenv/cluster/provision.sh (builds helm) and testenv/cluster/start.sh, or set EKYC_HELM");
  }

  /**
   * kubectl (its built-in kustomize): $EKYC_KUBECTL, else the one testenv built (cluster endpoints
   * file).
   */
  public static Path kubectl() {
    String explicit = System.getenv("EKYC_KUBECTL");
    if (explicit != null && !explicit.isBlank()) {
      return executable(Path.of(explicit), "$EKYC_KUBECTL");
    }
    Optional<Path> fromCluster = clusterTool("EKYC_CLUSTER_KUBECTL");
    if (fromCluster.isPresent() && Files.isExecutable(fromCluster.get())) {
      return fromCluster.get();
    }
    return onPath(
        "kubectl", "testenv/provision.sh k8s and testenv/cluster/start.sh, or set EKYC_KUBECTL");
  }

  private static Optional<Path> clusterHelm() {
    return clusterTool("EKYC_CLUSTER_HELM");
  }

  private static Optional<Path> clusterTool(String variable) {
    String explicit = System.getenv("EKYC_CLUSTER_ENDPOINTS");
    Path file =
        explicit != null && !explicit.isBlank()
            ? Path.of(explicit)
            : Path.of(
                System.getenv().getOrDefault("EKYC_TESTENV_RUN", "/tmp/ekyc-testenv"),
                "cluster",
                "endpoints.env");
    if (!Files.isReadable(file)) {
      return Optional.empty();
    }
    Properties values = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      values.load(reader);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(values.getProperty(variable))
        .filter(s -> !s.isBlank())
        .map(Path::of);
  }

  private static Path onPath(String name, String install) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    unavailable(name + " is not installed; install it with " + install);
    throw new AssertionError("unreachable");
  }

  private static Path executable(Path path, String source) {
    if (!Files.isExecutable(path)) {
      unavailable(source + " names " + path + ", which is not an executable");
    }
    return path;
  }

  private static void unavailable(String message) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true, so the monitoring tools must be installed, but " + message);
    }
    // Outside CI only: a developer machine without testenv's monitoring piece (README: when a test
    // may skip).
    assumeTrue(false, message);
  }
}
