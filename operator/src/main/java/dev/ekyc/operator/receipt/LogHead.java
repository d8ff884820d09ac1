package dev.ekyc.operator.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * The writable end of the log: its origin, the roots of the full entry bundles, the partial bundle
 * after them and the signed checkpoint of the whole. An append needs nothing else, so one object
 * (the head ConfigMap) updated by compare-and-swap serialises every writer. A partial bundle that
 * reached {@value EntryBundle#WIDTH} entries is flushed (written as an immutable full bundle) by
 * the next append, in the same head update, so a full bundle only ever holds signed entries.
 */
public record LogHead(
    String origin,
    List<byte[]> bundleRoots,
    List<byte[]> tailEntries,
    List<byte[]> tailHashes,
    String checkpointNote) {

  /**
   * The result of one append: the new head, and a full bundle to store first when the tail was
   * full.
   */
  public record Appended(LogHead head, long index, FullBundle flushed) {}

  /** A full bundle: index k holds receipts 256k .. 256k+255. */
  public record FullBundle(long index, List<byte[]> entries, List<byte[]> hashes) {}

  public LogHead {
    bundleRoots = List.copyOf(bundleRoots);
    tailEntries = List.copyOf(tailEntries);
    tailHashes = List.copyOf(tailHashes);
  }

  public static LogHead empty(String origin, List<NoteSigner> signers) {
    return new LogHead(
        origin,
        List.of(),
        List.of(),
        List.of(),
        new Checkpoint(origin, 0, MerkleHash.empty()).sign(signers).serialize());
  }

  public long size() {
    return (long) bundleRoots.size() * EntryBundle.WIDTH + tailEntries.size();
  }

  public Checkpoint checkpoint() {
    return Checkpoint.parse(SignedNote.parse(checkpointNote).text());
  }

  /**
   * Appends {@code receipt} at index {@link #size()} (it is given that index) and signs the new
   * checkpoint.
   */
  public Appended append(Receipt receipt, List<NoteSigner> signers) {
    long index = size();
    byte[] entry = receipt.atIndex(index).bytes();
    List<byte[]> roots = new ArrayList<>(bundleRoots);
    List<byte[]> entries = new ArrayList<>(tailEntries);
    List<byte[]> hashes = new ArrayList<>(tailHashes);
    FullBundle flushed = null;
    if (entries.size() == EntryBundle.WIDTH) {
      flushed = new FullBundle(roots.size(), List.copyOf(entries), List.copyOf(hashes));
      roots.add(EntryBundle.root(hashes));
      entries.clear();
      hashes.clear();
    }
    entries.add(entry);
    hashes.add(MerkleHash.leaf(entry));
    Checkpoint next = new Checkpoint(origin, index + 1, TreeHashes.root(roots, hashes));
    return new Appended(
        new LogHead(origin, roots, entries, hashes, next.sign(signers).serialize()),
        index,
        flushed);
  }

  /**
   * Signs the current tree again with other keys (a rotation's transition checkpoint carries both).
   */
  public LogHead resigned(List<NoteSigner> signers) {
    return new LogHead(
        origin, bundleRoots, tailEntries, tailHashes, checkpoint().sign(signers).serialize());
  }
}
