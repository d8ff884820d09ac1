package dev.ekyc.operator.cli;

import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.JobKind;
import dev.ekyc.operator.jobrun.CredentialsLoader;
import dev.ekyc.operator.jobrun.JobRun;
import dev.ekyc.operator.jobrun.JobSettings;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The options {@code sweep} and {@code purge} share, and the one way both run. Defaults come from
 * the pod.
 */
final class JobOptions {
  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "${env:POD_NAMESPACE}",
      required = true,
      description = "Namespace of the RetentionPolicy. Default: env POD_NAMESPACE.")
  String namespace;

  @Option(
      names = {"-p", "--policy"},
      paramLabel = "NAME",
      defaultValue = "${env:EKYC_POLICY}",
      required = true,
      description = "Name of the RetentionPolicy to run. Default: env EKYC_POLICY.")
  String policy;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig to use. Default: in-cluster service account, else KUBECONFIG or ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--credentials-dir",
      paramLabel = "DIR",
      defaultValue = "${env:EKYC_CREDENTIALS_DIR}",
      description =
          "Where the store's Secrets are mounted, one directory per Secret (DIR/<secret>/<key>), as the"
              + " CronJob mounts them. Without it the Secrets are read through the API (needs get on secrets)."
              + " Default: env EKYC_CREDENTIALS_DIR.")
  Path credentialsDir;

  @Option(
      names = "--lease-duration",
      defaultValue = "60s",
      converter = RunCommand.ShortDuration.class,
      description =
          "How long the run Lease holds without renewal; a killed run's Lease is taken after this."
              + " Default: ${DEFAULT-VALUE}.")
  Duration leaseDuration;

  @Option(
      names = "--deadline",
      defaultValue = "${env:EKYC_RUN_DEADLINE:-60m}",
      converter = RunCommand.ShortDuration.class,
      description =
          "The run's deadline (the CronJob's activeDeadlineSeconds): a record still Running after it"
              + " marks a dead run. Default: ${DEFAULT-VALUE}.")
  Duration deadline;

  int run(CommandSpec spec, JobKind kind) throws IOException {
    if (credentialsDir != null && !Files.isDirectory(credentialsDir)) {
      spec.commandLine()
          .getErr()
          .println(
              "error: --credentials-dir "
                  + credentialsDir
                  + " is not a directory: mount"
                  + " the store's Secrets there, or leave the option out to read them through the API");
      return ExitCode.USAGE.code();
    }
    try (KubernetesClient client = client()) {
      CredentialsLoader credentials =
          credentialsDir != null
              ? CredentialsLoader.fromDirectory(credentialsDir)
              : CredentialsLoader.fromApi(client, namespace);
      JobSettings settings = new JobSettings(runId(), leaseDuration, deadline, Clock.systemUTC());
      ExitCode exit =
          new JobRun(client, credentials, settings)
              .run(kind, namespace, policy, dryRunRequested(spec));
      if (exit != ExitCode.SUCCEEDED) {
        spec.commandLine()
            .getErr()
            .println(
                kind.command()
                    + " "
                    + namespace
                    + "/"
                    + policy
                    + ": exit code "
                    + exit.code()
                    + " ("
                    + exit.meaning()
                    + "); the log above says why");
      }
      return exit.code();
    }
  }

  private KubernetesClient client() throws IOException {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
        .build();
  }

  /**
   * The pod's name (HOSTNAME) plus a random part: unique per run, readable in the Lease and the
   * record.
   */
  private static String runId() {
    String host = System.getenv("HOSTNAME");
    String random = UUID.randomUUID().toString().substring(0, 8);
    return (host == null || host.isBlank() ? "run" : host) + "-" + random;
  }

  /** {@code --dry-run} is a global option of the root command. */
  private static boolean dryRunRequested(CommandSpec spec) {
    for (CommandSpec s : Set.of(spec, spec.root())) {
      OptionSpec option = s.findOption("--dry-run");
      if (option != null && Boolean.TRUE.equals(option.getValue())) {
        return true;
      }
    }
    return false;
  }
}
