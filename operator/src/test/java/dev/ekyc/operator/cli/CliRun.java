package dev.ekyc.operator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs the CLI in-process, as {@code java -jar ekyc-operator.jar ...} would, and keeps what it
 * printed.
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    return of(Main.commandLine(), args);
  }

  static CliRun of(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }
}
