package dev.ekyc.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The drift interval and the drift command's usage, before anything contacts a cluster. */
class DriftOptionsTest {

  @Test
  void aZeroDriftIntervalIsRefusedWithTheFix() {
    CliRun run = CliRun.of("run", "--drift-interval", "0s");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'0s' is not a positive duration", "e.g. 500ms, 5s, 2m");
  }

  @Test
  void helpListsDriftAndItsExitCodes() {
    assertThat(CliRun.of("--help").out()).contains("drift");
    CliRun help = CliRun.of("drift", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("in sync, drifted", "not applied", "3 drifted or not applied", "--kubeconfig");
  }

  @Test
  void runHelpNamesTheDriftInterval() {
    CliRun help = CliRun.of("run", "--help");

    assertThat(help.out()).contains("--drift-interval", "--cleanup-timeout");
  }
}
