package dev.ekyc.operator.cli;

import dev.ekyc.operator.receipt.Finding;
import dev.ekyc.operator.receipt.LogAudit;
import dev.ekyc.operator.receipt.LogSnapshot;
import dev.ekyc.operator.receipt.NoteVerifier;
import dev.ekyc.operator.receipt.ReceiptLogException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: checks the receipt log, live or exported, and names every receipt that was
 * tampered with.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify the deletion receipt log: the checkpoint's signature (by a trusted key, not forged, not by a key the",
      "log retired before), every receipt against its signed hash, and that the log only grew since each checkpoint",
      "given with --checkpoint. Names each receipt altered, removed, reordered or forged.",
      "Trust: pin the log's verifier keys with --key or --keys FILE (print them once with --print-key); without them the keys the",
      "log publishes itself are used, which proves integrity only against someone who could not also replace them."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the log verifies",
      "1:verification failed (each finding is printed)",
      "2:usage error, or the log cannot be read"
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReceiptLogOptions source;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "A trusted verifier key (<name>+<id>+<key>). Repeatable.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      description =
          "A file of trusted verifier keys, one a line (what --print-key printed). Repeatable.")
  List<Path> keyFiles = new ArrayList<>();

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description =
          "A checkpoint you kept earlier (the signed note 'receipts --checkpoint' or the export wrote):"
              + " the log must extend it. Repeatable; two of one size with different roots are a fork.")
  List<Path> checkpoints = new ArrayList<>();

  @Option(
      names = "--print-key",
      description = "Print the log's published verifier keys, one a line, and exit.")
  boolean printKey;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default) or json.")
  OutputFormat output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LogSnapshot log;
    List<NoteVerifier> trusted;
    List<String> kept = new ArrayList<>();
    try {
      log = source.snapshot();
      if (printKey) {
        log.publishedKeys().forEach(out::println);
        out.flush();
        return 0;
      }
      trusted = trustedKeys(log, err);
      for (Path p : checkpoints) {
        kept.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (ReceiptLogException | IllegalArgumentException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    LogAudit.Result result = new LogAudit(trusted).audit(log, kept);
    if (output == OutputFormat.json || output == OutputFormat.yaml) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("ok", result.ok());
      if (result.checkpoint() != null) {
        doc.put("origin", result.checkpoint().origin());
        doc.put("treeSize", result.checkpoint().size());
        doc.put("rootHash", result.checkpoint().rootBase64());
      }
      doc.put(
          "findings",
          result.findings().stream()
              .map(f -> Map.of("kind", f.kind().name(), "index", f.index(), "message", f.message()))
              .toList());
      out.print(ReceiptsDocuments.write(output, doc));
    } else {
      for (Finding f : result.findings()) {
        (f.failure() ? out : err).println((f.failure() ? "FAIL " : "note ") + f);
      }
      if (result.checkpoint() != null) {
        out.println(
            (result.ok() ? "OK " : "FAILED ")
                + "receipt log "
                + result.checkpoint().origin()
                + " from "
                + source.where()
                + ": "
                + result.checkpoint().size()
                + " receipts, root "
                + result.checkpoint().rootBase64()
                + (kept.isEmpty()
                    ? ""
                    : ", checked against " + kept.size() + " earlier checkpoint(s)"));
      }
    }
    out.flush();
    err.flush();
    return result.ok() ? 0 : 1;
  }

  private List<NoteVerifier> trustedKeys(LogSnapshot log, PrintWriter err) throws IOException {
    List<NoteVerifier> trusted = new ArrayList<>();
    for (String k : keys) {
      trusted.add(NoteVerifier.parse(k));
    }
    for (Path file : keyFiles) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          trusted.add(NoteVerifier.parse(line));
        }
      }
    }
    if (trusted.isEmpty()) {
      err.println(
          "note: no --key or --keys given: trusting the "
              + log.publishedKeys().size()
              + " verifier key(s) the log"
              + " publishes itself; pin them with --key");
      for (String k : log.publishedKeys()) {
        trusted.add(NoteVerifier.parse(k));
      }
    }
    return trusted;
  }
}
