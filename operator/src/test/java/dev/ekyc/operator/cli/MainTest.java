package dev.ekyc.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command's contract with its subcommands: global options are accepted after the
 * subcommand too.
 */
class MainTest {

  @Command(name = "probe")
  static final class ReadsGlobalOptions implements Runnable {
    @Spec CommandSpec spec;
    Object dryRun;

    @Override
    public void run() {
      // The way a subcommand reads a global flag without depending on Main (as RunCommand does).
      dryRun = spec.findOption("--dry-run").getValue();
    }
  }

  @Test
  void globalDryRunReachesASubcommand() {
    ReadsGlobalOptions probe = new ReadsGlobalOptions();
    CommandLine commandLine = Main.commandLine().addSubcommand(probe);

    assertThat(CliRun.of(commandLine, "probe", "--dry-run").exitCode()).isZero();
    assertThat(probe.dryRun).isEqualTo(true);
  }

  @Test
  void withoutTheFlagDryRunIsOff() {
    ReadsGlobalOptions probe = new ReadsGlobalOptions();
    CommandLine commandLine = Main.commandLine().addSubcommand(probe);

    assertThat(CliRun.of(commandLine, "probe").exitCode()).isZero();
    assertThat(probe.dryRun).isEqualTo(false);
  }

  @Test
  void helpListsThePlanCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("plan", "--debug", "--dry-run");
  }
}
