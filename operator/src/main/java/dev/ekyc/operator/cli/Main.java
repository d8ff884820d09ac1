package dev.ekyc.operator.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Entry point of the jar: {@code java -jar ekyc-operator.jar <command>}. Exit codes: 0 success, 1
 * invalid manifests or a failed command, 2 a usage error (unknown option, missing file).
 */
@Command(
    name = "ekyc-operator",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Enforces eKYC data retention and consent policies on object storage, search and SQL stores.",
    footer = {"", "Run 'ekyc-operator <command> --help' for a command's options."})
public final class Main implements Callable<Integer> {

  /**
   * The subcommands, in the order --help lists them. To add one, write a picocli {@code @Command}
   * class in this package and add an instance here.
   */
  static List<Object> subcommands() {
    return List.of(
        new PlanCommand(),
        new RunCommand(),
        new DriftCommand(),
        new SelfCheckCommand(),
        new SweepCommand(),
        new PurgeCommand(),
        new ReceiptsCommand(),
        new VerifyCommand(),
        new ExportCommand(),
        new RotateKeyCommand(),
        new CommandLine.HelpCommand());
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Log debug messages and print the stack trace of unexpected errors.")
  boolean debug;

  @Option(
      names = "--dry-run",
      scope = ScopeType.INHERIT,
      description =
          "run, sweep, purge: change nothing in the stores, only report (as if every policy were in mode Audit)."
              + " plan never changes anything.")
  boolean dryRun;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line; tests call {@code execute} on it with their own out and err
   * writers.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    for (Object subcommand : subcommands()) {
      commandLine.addSubcommand(subcommand);
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new ErrorReporting.Unexpected());
    commandLine.setParameterExceptionHandler(new ErrorReporting.Usage());
    return commandLine;
  }

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("error: a command is required");
    spec.commandLine().usage(spec.commandLine().getErr());
    return spec.exitCodeOnInvalidInput();
  }
}
