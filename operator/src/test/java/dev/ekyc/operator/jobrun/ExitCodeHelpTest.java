package dev.ekyc.operator.jobrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.cli.Main;
import dev.ekyc.operator.job.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The exit codes listed by {@code sweep --help} and {@code purge --help} are exactly those of
 * {@link ExitCode}.
 */
class ExitCodeHelpTest {
  @Test
  void theHelpOfBothJobCommandsListsEveryExitCode() {
    for (String command : new String[] {"sweep", "purge"}) {
      StringWriter out = new StringWriter();
      var commandLine = Main.commandLine();
      commandLine.setOut(new PrintWriter(out, true));
      assertThat(commandLine.execute(command, "--help")).isZero();
      String exitCodes = out.toString().substring(out.toString().indexOf("Exit codes:"));
      for (ExitCode code : ExitCode.values()) {
        assertThat(exitCodes)
            .as(command + " --help lists " + code)
            .containsPattern("(?m)^  " + code.code() + " +\\S");
      }
      assertThat(exitCodes.lines().filter(l -> l.matches("^  \\d+ .*")).count())
          .isEqualTo(ExitCode.values().length);
    }
  }
}
