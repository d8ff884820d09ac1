package dev.ekyc.operator.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The job as the kubelet starts it: {@code java -jar ekyc-operator.jar <command>} in a child JVM,
 * with the environment a CronJob's pod gives it (POD_NAMESPACE, EKYC_POLICY, HOSTNAME,
 * EKYC_CREDENTIALS_DIR; KUBECONFIG stands in for the in-cluster service account). The jar is the
 * one {@code package} built before the ITs.
 */
final class ChildJob implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildJob(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJob start(String command, Map<String, String> podEnv, String... extraArgs) {
    Path jar = ProjectFiles.path("operator/target/ekyc-operator.jar");
    List<String> args =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString(),
                command));
    args.addAll(List.of(extraArgs));
    try {
      Path log = Files.createTempFile("ekyc-child-" + command, ".log");
      ProcessBuilder builder =
          new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().put("KUBECONFIG", TestCluster.get().kubeconfig().toString());
      builder.environment().putAll(podEnv);
      return new ChildJob(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the child JVM", e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /**
   * SIGKILL (Process.destroyForcibly on Linux): no shutdown hook, no finally block, no Lease
   * release.
   */
  int killDashNine() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the child JVM did not die within 30 s of SIGKILL");
    }
    return process.exitValue();
  }

  int awaitExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "the child job did not finish within " + seconds + " s; its log:\n" + log());
    }
    return process.exitValue();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
