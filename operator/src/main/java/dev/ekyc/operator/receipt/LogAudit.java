package dev.ekyc.operator.receipt;

import dev.ekyc.operator.receipt.Finding.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole log against its signed checkpoint and, optionally, checkpoints an auditor kept:
 * signatures (trusted, not forged, not by a key retired before that size), the hash structure
 * (bundle roots, leaf hashes, root), every receipt against its signed leaf hash, and consistency
 * with each older checkpoint. Each problem names the receipt by its index and says what happened to
 * it: altered, removed, reordered, forged.
 */
public final class LogAudit {
  private final List<NoteVerifier> trusted;

  public LogAudit(List<NoteVerifier> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /**
   * What the audit established; {@code tree} is the signed tree when every leaf hash was available.
   */
  public record Result(
      Checkpoint checkpoint, List<Finding> findings, List<Receipt> receipts, MerkleTree tree) {
    public boolean ok() {
      return findings.stream().noneMatch(Finding::failure);
    }
  }

  public Result audit(LogSnapshot log, List<String> auditorCheckpoints) {
    List<Finding> findings = new ArrayList<>();
    SignedNote head;
    Checkpoint checkpoint;
    try {
      head = SignedNote.parse(log.checkpointNote());
      checkpoint = Checkpoint.parse(head.text());
    } catch (IllegalArgumentException e) {
      findings.add(new Finding(Kind.MALFORMED, -1, "the log's checkpoint: " + e.getMessage()));
      return new Result(null, findings, List.of(), null);
    }
    List<Receipt> receipts = parseAll(log, findings);
    Map<String, Long> retiredAt = retirements(receipts);
    checkSignatures("the log's checkpoint", head, checkpoint, retiredAt, findings);

    List<byte[]> signedLeaves = signedLeaves(log, findings);
    long stored = (long) log.bundles().size() * EntryBundle.WIDTH + log.tail().hashes().size();
    boolean structureOk = true;
    if (stored != checkpoint.size()) {
      findings.add(
          new Finding(
              stored < checkpoint.size() ? Kind.REMOVED : Kind.FORGED,
              stored < checkpoint.size() ? stored : checkpoint.size(),
              "the log holds "
                  + stored
                  + " leaf hashes, its checkpoint signs "
                  + checkpoint.size()));
      structureOk = false;
    } else if (!Arrays.equals(
        TreeHashes.root(log.bundleRoots(), log.tail().hashes()), checkpoint.root())) {
      findings.add(
          new Finding(
              Kind.ALTERED,
              -1,
              "the stored bundle roots and leaf hashes do not give the signed root "
                  + checkpoint.rootBase64()
                  + ": the log's hash structure was rewritten"));
      structureOk = false;
    }
    MerkleTree tree = null;
    if (signedLeaves != null) {
      tree = MerkleTree.ofLeafHashes(signedLeaves);
      if (!structureOk
          && stored == checkpoint.size()
          && Arrays.equals(tree.root(), checkpoint.root())) {
        structureOk =
            true; // the leaf hashes are right; only the bundle roots were touched (reported above)
      }
    }
    if (structureOk) {
      compareEntries(log, checkpoint.size(), findings);
    } else {
      List<byte[]> entryHashes = receipts.stream().map(Receipt::leafHash).toList();
      if (Arrays.equals(MerkleTree.ofLeafHashes(entryHashes).root(), checkpoint.root())
          && entryHashes.size() == checkpoint.size()) {
        findings.add(
            new Finding(
                Kind.WARNING,
                -1,
                "the receipts themselves match the signed root; only stored hashes"
                    + " were damaged"));
        tree = MerkleTree.ofLeafHashes(entryHashes);
        findings.removeIf(f -> f.kind() == Kind.ALTERED && f.index() < 0);
      } else {
        tree = null;
      }
    }
    if (tree != null && tree.size() != checkpoint.size()) {
      tree = null;
    }
    for (String note : auditorCheckpoints) {
      checkAgainst(note, checkpoint, tree, retiredAt, findings);
    }
    checkForks(auditorCheckpoints, findings);
    return new Result(checkpoint, findings, receipts, tree);
  }

  private static List<Receipt> parseAll(LogSnapshot log, List<Finding> findings) {
    List<Receipt> receipts = new ArrayList<>();
    long position = 0;
    for (byte[] entry : log.entries()) {
      try {
        Receipt r = Receipt.parse(entry);
        receipts.add(r);
        if (!r.canonical()) {
          findings.add(new Finding(Kind.WARNING, position, "stored bytes are not canonical JSON"));
        }
      } catch (IllegalArgumentException e) {
        findings.add(new Finding(Kind.MALFORMED, position, "not a receipt: " + e.getMessage()));
      }
      position++;
    }
    return receipts;
  }

  /**
   * Key rotation receipts in the log: the retired key may sign checkpoints up to the size that
   * includes them.
   */
  static Map<String, Long> retirements(List<Receipt> receipts) {
    Map<String, Long> retired = new HashMap<>();
    for (Receipt r : receipts) {
      if (Receipt.KEY_ROTATION.equals(r.kind())
          && r.string("keys.retired") != null
          && r.index() >= 0) {
        retired.putIfAbsent(r.string("keys.retired"), r.index() + 1);
      }
    }
    return retired;
  }

  private boolean checkSignatures(
      String what,
      SignedNote note,
      Checkpoint checkpoint,
      Map<String, Long> retiredAt,
      List<Finding> findings) {
    byte[] message = note.text().getBytes(StandardCharsets.UTF_8);
    boolean valid = false;
    for (SignedNote.Signature s : note.signatures()) {
      NoteVerifier key =
          trusted.stream()
              .filter(k -> k.name().equals(s.keyName()) && Arrays.equals(k.keyId(), s.keyId()))
              .findFirst()
              .orElse(null);
      if (key == null) {
        findings.add(
            new Finding(
                Kind.WARNING,
                -1,
                what
                    + " carries a signature by an unknown key "
                    + s.keyName()
                    + "+"
                    + NoteKeys.hex(s.keyId())
                    + " (ignored)"));
      } else if (!key.verify(message, s.signature())) {
        findings.add(
            new Finding(
                Kind.FORGED,
                -1,
                what
                    + " (size "
                    + checkpoint.size()
                    + "): the signature by "
                    + key
                    + " does not verify: a forged signature or an altered checkpoint"));
      } else if (retiredAt.containsKey(key.text())
          && checkpoint.size() > retiredAt.get(key.text())) {
        findings.add(
            new Finding(
                Kind.RETIRED_KEY,
                -1,
                what
                    + " (size "
                    + checkpoint.size()
                    + ") is signed with "
                    + key
                    + ", retired by the log at size "
                    + retiredAt.get(key.text())));
      } else {
        valid = true;
      }
    }
    if (!valid) {
      findings.add(
          new Finding(
              Kind.FORGED,
              -1,
              what
                  + " (size "
                  + checkpoint.size()
                  + ") has no valid signature by a"
                  + " trusted key"));
    }
    return valid;
  }

  /**
   * Every stored leaf hash in order, or null when a bundle is missing (then proofs cannot be
   * computed).
   */
  private static List<byte[]> signedLeaves(LogSnapshot log, List<Finding> findings) {
    List<byte[]> leaves = new ArrayList<>();
    boolean complete = true;
    for (int k = 0; k < log.bundles().size(); k++) {
      LogSnapshot.Bundle b = log.bundles().get(k);
      long first = (long) k * EntryBundle.WIDTH;
      if (!b.present()) {
        findings.add(
            new Finding(
                Kind.REMOVED,
                first,
                "receipts "
                    + first
                    + " to "
                    + (first + EntryBundle.WIDTH - 1)
                    + " removed: entry bundle "
                    + k
                    + " is missing"));
        complete = false;
        continue;
      }
      if (b.hashes().size() != EntryBundle.WIDTH
          || k >= log.bundleRoots().size()
          || !Arrays.equals(EntryBundle.root(b.hashes()), log.bundleRoots().get(k))) {
        findings.add(
            new Finding(
                Kind.ALTERED,
                first,
                "the leaf hashes of entry bundle "
                    + k
                    + " (receipts "
                    + first
                    + " to "
                    + (first + EntryBundle.WIDTH - 1)
                    + ") do not give its signed root: rewritten"));
      }
      leaves.addAll(b.hashes());
    }
    leaves.addAll(log.tail().hashes());
    return complete ? leaves : null;
  }

  /** Names each receipt whose stored bytes are not the signed leaf at its position. */
  private static void compareEntries(LogSnapshot log, long size, List<Finding> findings) {
    List<byte[]> signed = new ArrayList<>();
    List<byte[]> stored = new ArrayList<>();
    List<Long> positions = new ArrayList<>();
    for (int k = 0; k < log.bundles().size(); k++) {
      LogSnapshot.Bundle b = log.bundles().get(k);
      if (!b.present()) {
        for (int i = 0; i < EntryBundle.WIDTH; i++) {
          signed.add(null);
        }
        continue;
      }
      long first = (long) k * EntryBundle.WIDTH;
      signed.addAll(b.hashes());
      for (int i = 0; i < b.entries().size(); i++) {
        stored.add(b.entries().get(i));
        positions.add(first + i);
      }
    }
    long tailStart = (long) log.bundles().size() * EntryBundle.WIDTH;
    signed.addAll(log.tail().hashes());
    for (int i = 0; i < log.tail().entries().size(); i++) {
      stored.add(log.tail().entries().get(i));
      positions.add(tailStart + i);
    }
    Map<String, Long> signedIndex = new HashMap<>();
    for (int i = 0; i < signed.size(); i++) {
      if (signed.get(i) != null) {
        signedIndex.putIfAbsent(b64(signed.get(i)), (long) i);
      }
    }
    Set<Long> accounted = new HashSet<>();
    List<Finding> altered = new ArrayList<>();
    List<long[]> unmatched = new ArrayList<>(); // {position, index field}
    for (int j = 0; j < stored.size(); j++) {
      long position = positions.get(j);
      byte[] hash = MerkleHash.leaf(stored.get(j));
      Long signedAt = signedIndex.get(b64(hash));
      if (signedAt != null) {
        if (signedAt != position) {
          findings.add(
              new Finding(
                  Kind.REORDERED,
                  signedAt,
                  "stored at position " + position + ", signed at " + signedAt));
        }
        accounted.add(signedAt);
        continue;
      }
      long indexField = -1;
      try {
        indexField = Receipt.parse(stored.get(j)).index();
      } catch (IllegalArgumentException e) {
        // reported by parseAll; judged by position below
      }
      unmatched.add(new long[] {position, indexField});
    }
    for (long[] u : unmatched) {
      long claimed = u[1] >= 0 ? u[1] : u[0];
      if (claimed < size
          && claimed < signed.size()
          && signed.get((int) claimed) != null
          && !accounted.contains(claimed)) {
        accounted.add(claimed);
        altered.add(
            new Finding(
                Kind.ALTERED,
                claimed,
                "its bytes (at position "
                    + u[0]
                    + ") hash to "
                    + b64(MerkleHash.leaf(storedAt(stored, positions, u[0])))
                    + ", the signed leaf hash is "
                    + b64(signed.get((int) claimed))));
      } else {
        findings.add(
            new Finding(
                Kind.FORGED, u[1], "the entry at position " + u[0] + " is not in the signed log"));
      }
    }
    findings.addAll(altered);
    for (long i = 0; i < Math.min(size, signed.size()); i++) {
      if (signed.get((int) i) != null && !accounted.contains(i)) {
        findings.add(
            new Finding(
                Kind.REMOVED,
                i,
                "signed (leaf hash " + b64(signed.get((int) i)) + ") but not in the log"));
      }
    }
  }

  private static byte[] storedAt(List<byte[]> stored, List<Long> positions, long position) {
    return stored.get(positions.indexOf(position));
  }

  private void checkAgainst(
      String note,
      Checkpoint current,
      MerkleTree tree,
      Map<String, Long> retiredAt,
      List<Finding> findings) {
    SignedNote old;
    Checkpoint cp;
    try {
      old = SignedNote.parse(note);
      cp = Checkpoint.parse(old.text());
    } catch (IllegalArgumentException e) {
      findings.add(new Finding(Kind.MALFORMED, -1, "your checkpoint: " + e.getMessage()));
      return;
    }
    String what = "your checkpoint of size " + cp.size();
    checkSignatures(what, old, cp, retiredAt, findings);
    if (!cp.origin().equals(current.origin())) {
      findings.add(
          new Finding(
              Kind.FORK,
              -1,
              what + " is of log '" + cp.origin() + "', not '" + current.origin() + "'"));
      return;
    }
    if (cp.size() > current.size()) {
      findings.add(
          new Finding(
              Kind.REMOVED,
              current.size(),
              what
                  + " is larger than the log's "
                  + current.size()
                  + ": receipts "
                  + current.size()
                  + " to "
                  + (cp.size() - 1)
                  + " were truncated"));
      return;
    }
    if (cp.size() == current.size()) {
      if (!Arrays.equals(cp.root(), current.root())) {
        findings.add(
            new Finding(
                Kind.FORK,
                -1,
                what
                    + " and the log's checkpoint have the same size and different"
                    + " roots ("
                    + cp.rootBase64()
                    + " vs "
                    + current.rootBase64()
                    + "): a fork"));
      }
      return;
    }
    if (tree == null) {
      findings.add(
          new Finding(
              Kind.MALFORMED,
              -1,
              what + ": no consistency proof, the log's leaf hashes are" + " incomplete"));
      return;
    }
    List<byte[]> proof = tree.consistencyProof(cp.size(), current.size());
    if (!MerkleProofs.verifyConsistency(cp.size(), current.size(), cp.root(), current.root(), proof)
        || !Arrays.equals(tree.root(cp.size()), cp.root())) {
      findings.add(
          new Finding(
              Kind.FORK,
              -1,
              what
                  + " is not a prefix of the log: its first "
                  + cp.size()
                  + " receipts were rewritten since (or the log forked)"));
    }
  }

  private static void checkForks(List<String> notes, List<Finding> findings) {
    Map<Long, Checkpoint> bySize = new HashMap<>();
    for (String note : notes) {
      try {
        Checkpoint cp = Checkpoint.parse(SignedNote.parse(note).text());
        Checkpoint other = bySize.putIfAbsent(cp.size(), cp);
        if (other != null && !other.equals(cp)) {
          findings.add(
              new Finding(
                  Kind.FORK,
                  -1,
                  "two of your checkpoints of size "
                      + cp.size()
                      + " have different roots: the log forked"));
        }
      } catch (IllegalArgumentException e) {
        // reported by checkAgainst
      }
    }
  }

  static String b64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
