package dev.ekyc.operator.cli;

import dev.ekyc.operator.receipt.Checkpoint;
import dev.ekyc.operator.receipt.LogAudit;
import dev.ekyc.operator.receipt.LogSnapshot;
import dev.ekyc.operator.receipt.NoteVerifier;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.ReceiptLogException;
import dev.ekyc.operator.receipt.SignedNote;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
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
 * {@code receipts}: lists and shows deletion receipts, with inclusion and consistency proofs on
 * request.
 */
@Command(
    name = "receipts",
    mixinStandardHelpOptions = true,
    description = {
      "List the deletion receipts of the log (the cluster's, or an export with --from), filtered by store, policy,",
      "rule, kind and time; --index N shows one receipt, with --proof its inclusion proof against the current",
      "checkpoint; --consistency-with FILE prints the proof that the log extends a checkpoint you kept.",
      "Reading does not verify: run 'verify' for that (a warning is printed here when the log does not verify)."
    })
public final class ReceiptsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ReceiptLogOptions source;

  @Option(
      names = "--store",
      paramLabel = "[NS/]NAME",
      description = "Only receipts of this DataStore.")
  String store;

  @Option(
      names = "--policy",
      paramLabel = "NAME",
      description = "Only receipts of this RetentionPolicy.")
  String policy;

  @Option(names = "--rule", paramLabel = "NAME", description = "Only receipts of this rule.")
  String rule;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "RuleRun, Run, LifecycleWrite or KeyRotation.")
  String kind;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "Only receipts that ended at or after this RFC 3339 time.")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description = "Only receipts that ended before this RFC 3339 time.")
  String until;

  @Option(
      names = "--index",
      paramLabel = "N",
      description = "Show the receipt at this index of the log.")
  Long index;

  @Option(
      names = "--proof",
      description = "With --index: add the inclusion proof against the current checkpoint.")
  boolean proof;

  @Option(
      names = "--consistency-with",
      paramLabel = "FILE",
      description = "Print the consistency proof from this earlier checkpoint to the current one.")
  Path consistencyWith;

  @Option(
      names = "--checkpoint",
      description = "Print the log's current signed checkpoint (to keep for later).")
  boolean printCheckpoint;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "text (default), yaml or json.")
  OutputFormat output;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LogSnapshot log;
    Instant from;
    Instant to;
    try {
      from = time("--since", since);
      to = time("--until", until);
      log = source.snapshot();
    } catch (ReceiptLogException | IllegalArgumentException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (printCheckpoint) {
      out.print(log.checkpointNote());
      out.flush();
      return 0;
    }
    List<NoteVerifier> keys = log.publishedKeys().stream().map(NoteVerifier::parse).toList();
    LogAudit.Result result = new LogAudit(keys).audit(log, List.of());
    if (!result.ok()) {
      err.println("warning: the log does not verify; run 'verify' to see what was changed");
    }
    try {
      if (consistencyWith != null) {
        return consistency(log, result, out, err);
      }
      if (index != null) {
        return show(log, result, out, err);
      }
    } finally {
      out.flush();
      err.flush();
    }
    List<Receipt> selected = result.receipts().stream().filter(r -> matches(r, from, to)).toList();
    if (output == OutputFormat.text) {
      printTable(selected, out);
    } else {
      out.print(ReceiptsDocuments.write(output, selected.stream().map(Receipt::fields).toList()));
    }
    out.flush();
    return 0;
  }

  private int show(LogSnapshot log, LogAudit.Result result, PrintWriter out, PrintWriter err) {
    List<byte[]> entries = log.entries();
    if (index < 0 || index >= entries.size()) {
      err.println(
          "error: --index " + index + ": the log holds receipts 0 to " + (entries.size() - 1));
      return 2;
    }
    byte[] entry = entries.get(index.intValue());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("index", index);
    doc.put("receipt", Receipt.parse(entry).fields());
    doc.put("entry", Base64.getEncoder().encodeToString(entry));
    if (proof) {
      if (result.tree() == null) {
        err.println("error: no inclusion proof: the log's hashes are incomplete (run 'verify')");
        return 1;
      }
      Checkpoint cp = result.checkpoint();
      doc.put("treeSize", cp.size());
      doc.put("leafHash", Base64.getEncoder().encodeToString(result.tree().leafHash(index)));
      doc.put(
          "proof",
          result.tree().inclusionProof(index, cp.size()).stream()
              .map(h -> Base64.getEncoder().encodeToString(h))
              .toList());
      doc.put("checkpoint", log.checkpointNote());
    }
    if (output == OutputFormat.text) {
      out.println(Receipt.parse(entry).text());
      if (proof) {
        out.println("tree size " + doc.get("treeSize") + ", leaf hash " + doc.get("leafHash"));
        ((List<?>) doc.get("proof")).forEach(h -> out.println("  " + h));
        out.print(log.checkpointNote());
      }
    } else {
      out.print(ReceiptsDocuments.write(output, doc));
    }
    return 0;
  }

  private int consistency(LogSnapshot log, LogAudit.Result result, PrintWriter out, PrintWriter err)
      throws IOException {
    Checkpoint old;
    try {
      old =
          Checkpoint.parse(
              SignedNote.parse(Files.readString(consistencyWith, StandardCharsets.UTF_8)).text());
    } catch (IllegalArgumentException e) {
      err.println("error: --consistency-with " + consistencyWith + ": " + e.getMessage());
      return 2;
    }
    if (result.tree() == null || old.size() > result.checkpoint().size()) {
      err.println("error: no consistency proof from size " + old.size() + " (run 'verify')");
      return 1;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("fromSize", old.size());
    doc.put("toSize", result.checkpoint().size());
    doc.put(
        "proof",
        result.tree().consistencyProof(old.size(), result.checkpoint().size()).stream()
            .map(h -> Base64.getEncoder().encodeToString(h))
            .toList());
    doc.put("checkpoint", log.checkpointNote());
    out.print(
        ReceiptsDocuments.write(output == OutputFormat.text ? OutputFormat.json : output, doc));
    return 0;
  }

  private boolean matches(Receipt r, Instant from, Instant to) {
    if (kind != null && !kind.equals(r.kind())) {
      return false;
    }
    if (store != null) {
      String name = store.contains("/") ? store.substring(store.indexOf('/') + 1) : store;
      String ns = store.contains("/") ? store.substring(0, store.indexOf('/')) : null;
      if (!name.equals(r.string("store.name"))
          || (ns != null && !ns.equals(r.string("store.namespace")))) {
        return false;
      }
    }
    if (policy != null && !policy.equals(r.string("policy.name"))) {
      return false;
    }
    if (rule != null && !rule.equals(r.string("rule.name"))) {
      return false;
    }
    if (from != null || to != null) {
      String end = r.string("endTime") != null ? r.string("endTime") : r.string("recordedAt");
      if (end == null) {
        return false;
      }
      Instant t = Instant.parse(end);
      return (from == null || !t.isBefore(from)) && (to == null || t.isBefore(to));
    }
    return true;
  }

  private static void printTable(List<Receipt> receipts, PrintWriter out) {
    String format = "%-6s %-14s %-20s %-28s %-22s %-20s %-7s %-10s %s%n";
    out.printf(
        format, "INDEX", "KIND", "END", "STORE", "POLICY", "RULE", "MODE", "OUTCOME", "COUNTS");
    for (Receipt r : receipts) {
      String storeName =
          r.string("store.name") == null
              ? ""
              : r.string("store.namespace") + "/" + r.string("store.name");
      out.printf(
          format,
          r.index(),
          r.kind(),
          orEmpty(r.string("endTime") != null ? r.string("endTime") : r.string("recordedAt")),
          storeName,
          orEmpty(r.string("policy.name")),
          orEmpty(r.string("rule.name")),
          orEmpty(r.string("mode")),
          orEmpty(r.string("outcome")),
          counts(r));
    }
  }

  private static String counts(Receipt r) {
    Object counts = r.get("counts");
    List<String> parts = new ArrayList<>();
    if (counts instanceof Map<?, ?> m) {
      m.forEach((k, v) -> parts.add(k + "=" + v));
    }
    if (r.get("oldestObservedAgeSeconds") != null) {
      parts.add("oldest=" + r.get("oldestObservedAgeSeconds") + "s");
    }
    return String.join(" ", parts);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Instant time(String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " '" + value + "' is not an RFC 3339 time such as" + " 2026-12-07T10:00:00Z");
    }
  }
}
