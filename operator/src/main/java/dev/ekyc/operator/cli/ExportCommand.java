package dev.ekyc.operator.cli;

import dev.ekyc.operator.receipt.Checkpoint;
import dev.ekyc.operator.receipt.ExportedLog;
import dev.ekyc.operator.receipt.LogSnapshot;
import dev.ekyc.operator.receipt.ReceiptLogException;
import dev.ekyc.operator.receipt.SignedNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export}: writes the receipt log to a directory in the C2SP tlog-tiles layout, as stored.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the receipt log to DIR in the C2SP tlog-tiles layout (checkpoint, tile/entries/..., tile/<level>/...,",
      "verifier-keys), exactly as stored: nothing is verified or repaired. Keep DIR (and its checkpoint) for audits:",
      "'verify --from DIR' and 'receipts --from DIR' read it, and so can tools that read tlog-tiles."
    })
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReceiptLogOptions source;

  @Parameters(
      paramLabel = "DIR",
      description = "Directory to write (created; must be empty if it exists).")
  Path dir;

  @Override
  public Integer call() throws IOException {
    try {
      if (Files.isDirectory(dir)) {
        try (var entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            spec.commandLine()
                .getErr()
                .println("error: " + dir + " is not empty: export into a new directory");
            return 2;
          }
        }
      }
      LogSnapshot log = source.snapshot();
      ExportedLog.write(log, dir);
      Checkpoint cp = Checkpoint.parse(SignedNote.parse(log.checkpointNote()).text());
      spec.commandLine()
          .getOut()
          .println(
              "exported "
                  + cp.size()
                  + " receipts of "
                  + cp.origin()
                  + " to "
                  + dir
                  + " (root "
                  + cp.rootBase64()
                  + ")");
      return 0;
    } catch (ReceiptLogException | IllegalArgumentException | UncheckedIOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    } finally {
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
    }
  }
}
