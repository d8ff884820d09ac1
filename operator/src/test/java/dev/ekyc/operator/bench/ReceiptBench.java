package dev.ekyc.operator.bench;

import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunMode;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import dev.ekyc.operator.receipt.EntryBundle;
import dev.ekyc.operator.receipt.Finding;
import dev.ekyc.operator.receipt.LogAudit;
import dev.ekyc.operator.receipt.LogSnapshot;
import dev.ekyc.operator.receipt.MemoryLog;
import dev.ekyc.operator.receipt.MerkleProofs;
import dev.ekyc.operator.receipt.MerkleTree;
import dev.ekyc.operator.receipt.NoteKeys;
import dev.ekyc.operator.receipt.NoteSigner;
import dev.ekyc.operator.receipt.NoteVerifier;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.RunReceipts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * bench/receipts.sh: the receipt log at N receipts (default 100,000), in memory with the code the
 * cluster log runs (the head's append: leaf hash, root from the bundle roots, Ed25519 checkpoint):
 * append rate, proof sizes, proof and whole-log verification times, stored bytes per receipt.
 * Baselines side by side: the append without signing (what the signature costs) and a naive append
 * that recomputes the root from every leaf hash (what the bundle roots save), the latter measured
 * on a sample of appends at size N. Receipts are those of a real run record (RunReceipts), so their
 * size is a real one.
 */
public final class ReceiptBench {
  private ReceiptBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    NoteSigner key = NoteSigner.parse(NoteKeys.generateSigner("bench.ekyc.dev/receipts"));
    List<Receipt> receipts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      receipts.add(receipt(i));
    }

    MemoryLog log = new MemoryLog("bench.ekyc.dev/receipts", List.of(key));
    long t0 = System.nanoTime();
    for (Receipt r : receipts) {
      log.append(r, List.of(key));
    }
    double appendSeconds = seconds(t0);

    // Baseline 1: hashing only, no signature (a tree without checkpoints).
    MerkleTree unsigned = new MerkleTree();
    t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      unsigned.appendLeafHash(receipts.get(i).atIndex(i).leafHash());
      unsigned.root();
    }
    double unsignedSeconds = seconds(t0);

    // Baseline 2: recompute the root from all n leaf hashes at each append (sampled: 20 appends at
    // size n).
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(unsigned.leafHash(i));
    }
    int sample = 20;
    t0 = System.nanoTime();
    for (int i = 0; i < sample; i++) {
      MerkleTree.ofLeafHashes(leaves).root();
    }
    double naivePerAppend = seconds(t0) / sample;

    LogSnapshot snapshot = log.snapshot();
    NoteVerifier verifier = NoteVerifier.parse(key.verifierKey());
    t0 = System.nanoTime();
    LogAudit.Result audit = new LogAudit(List.of(verifier)).audit(snapshot, List.of());
    double auditSeconds = seconds(t0);
    MerkleTree tree = audit.tree();

    Random random = new Random(1);
    int proofs = 10_000;
    long proofHashes = 0;
    long proofNanos = 0;
    long verifyNanos = 0;
    for (int i = 0; i < proofs; i++) {
      long index = random.nextInt(n);
      long s = System.nanoTime();
      List<byte[]> proof = tree.inclusionProof(index, n);
      proofNanos += System.nanoTime() - s;
      proofHashes += proof.size();
      s = System.nanoTime();
      boolean ok = MerkleProofs.verifyInclusion(index, n, tree.leafHash(index), proof, tree.root());
      verifyNanos += System.nanoTime() - s;
      if (!ok) {
        throw new IllegalStateException("an inclusion proof did not verify");
      }
    }
    List<byte[]> consistency = tree.consistencyProof(n / 2 + 1, n);
    long s = System.nanoTime();
    boolean consistent =
        MerkleProofs.verifyConsistency(
            n / 2 + 1, n, tree.root(n / 2 + 1), tree.root(), consistency);
    double consistencyMicros = (System.nanoTime() - s) / 1e3;

    long rawBytes = 0;
    for (LogSnapshot.Bundle b : snapshot.bundles()) {
      for (byte[] e : b.entries()) {
        rawBytes += e.length;
      }
    }
    long gzBytes = 0;
    for (LogSnapshot.Bundle b : snapshot.bundles()) {
      gzBytes += gzip(EntryBundle.encode(b.entries())).length + (long) b.hashes().size() * 32;
    }
    long full = (long) snapshot.bundles().size() * EntryBundle.WIDTH;

    PrintStream out = BenchReport.open();
    double appendRate = n / appendSeconds;
    out.printf(
        Locale.ROOT,
        "receipts append ratio: signed append / naive root recompute at %,d = %.4f (%.0f us vs"
            + " %.0f us per append)%n",
        n,
        (appendSeconds / n) / naivePerAppend,
        appendSeconds / n * 1e6,
        naivePerAppend * 1e6);
    out.printf(
        Locale.ROOT,
        "receipts signing share: unsigned append / signed append = %.3f%n",
        unsignedSeconds / appendSeconds);
    out.printf(
        Locale.ROOT,
        "receipts verify ratio: one inclusion proof / whole-log audit = %.6f%n",
        (verifyNanos / 1e9 / proofs) / auditSeconds);
    out.printf(
        Locale.ROOT,
        "%-44s %,14.0f /s (%,d receipts in %.2f s, one Ed25519 checkpoint each)%n",
        "append rate (in memory, signed)",
        appendRate,
        n,
        appendSeconds);
    out.printf(
        Locale.ROOT, "%-44s %,14.0f /s%n", "append rate (hashing only)", n / unsignedSeconds);
    out.printf(
        Locale.ROOT,
        "%-44s %,14.0f us%n",
        "naive append (root from all leaves)",
        naivePerAppend * 1e6);
    out.printf(
        Locale.ROOT,
        "%-44s %14.1f hashes (%.0f bytes)%n",
        "inclusion proof size (mean)",
        (double) proofHashes / proofs,
        (double) proofHashes / proofs * 32);
    out.printf(
        Locale.ROOT,
        "%-44s %14.2f us / %.2f us%n",
        "inclusion proof: compute / verify (mean)",
        proofNanos / 1e3 / proofs,
        verifyNanos / 1e3 / proofs);
    out.printf(
        Locale.ROOT,
        "%-44s %14d hashes, verified in %.1f us%n",
        "consistency proof " + (n / 2 + 1) + " -> " + n,
        consistency.size(),
        consistencyMicros);
    out.printf(
        Locale.ROOT,
        "%-44s %14.2f s (%s)%n",
        "whole-log audit (every receipt, signature)",
        auditSeconds,
        audit.ok() ? "verified" : "FAILED");
    if (full > 0) {
      out.printf(
          Locale.ROOT,
          "%-44s %14.0f bytes raw, %.0f bytes stored (gzip + 32-byte hash)%n",
          "receipt size (mean, full bundles)",
          (double) rawBytes / full,
          (double) gzBytes / full);
    }
    out.flush();
    boolean ok = audit.ok() && consistent && audit.findings().stream().noneMatch(Finding::failure);
    System.exit(ok ? 0 : 1);
  }

  /**
   * The RuleRun receipt of a typical sweep rule result (the reference media policy), with varying
   * counts.
   */
  private static Receipt receipt(int i) {
    RuleResult rule =
        new RuleResult(
            "liveness-media",
            "ekyc-sweep-verification-media-2941"
                + (3440 + i)
                + "-x7k2p-"
                + Integer.toHexString(0x3f9a1c2e + i),
            RunOutcome.Succeeded,
            "2026-12-07T10:00:02Z",
            "2026-12-07T10:00:41Z",
            "2026-12-07T10:00:02Z",
            "2026-12-07T08:15:02Z",
            null,
            null,
            1700L + i % 97,
            1500L + i % 89,
            null,
            0L,
            (long) (i % 3),
            200L + i % 13,
            null,
            0L,
            false,
            false,
            0L,
            null);
    RunRecord run =
        new RunRecord(
            rule.runId(),
            "sweep",
            "verification-media",
            "6f1c2a7e-0d1b-4a8e-9a43-1f0b6d2c9e55",
            3L,
            "verification-media",
            RunMode.Enforce,
            RunOutcome.Succeeded,
            "2026-12-07T10:00:02Z",
            "2026-12-07T10:00:41Z",
            "2026-12-07T11:00:02Z",
            0,
            null,
            null,
            List.of(rule));
    return RunReceipts.of(
            run,
            RunOutcome.Succeeded,
            new RunReceipts.Store("ekyc", "verification-media", "ObjectStorage", "SG"),
            Optional.empty(),
            "2026-12-07T10:00:42Z")
        .get(1);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static byte[] gzip(byte[] data) throws java.io.IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
