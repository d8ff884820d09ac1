package dev.ekyc.operator.cli;

import picocli.CommandLine;

/** The CLI with the receipt commands, as the tests run it. */
final class ReceiptCli {
  private ReceiptCli() {}

  static CliRun run(String... args) {
    CommandLine commandLine = Main.commandLine();
    for (Object command : new Object[] {new ReceiptsCommand(), new VerifyCommand(), new ExportCommand()}) {
      String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
      if (!commandLine.getSubcommands().containsKey(name)) {
        commandLine.addSubcommand(command);
      }
    }
    return CliRun.of(commandLine, args);
  }
}
