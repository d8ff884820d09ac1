package dev.ekyc.operator.cli;

/** The CLI as the receipt tests run it. */
final class ReceiptCli {
  private ReceiptCli() {}

  static CliRun run(String... args) {
    return CliRun.of(args);
  }
}
