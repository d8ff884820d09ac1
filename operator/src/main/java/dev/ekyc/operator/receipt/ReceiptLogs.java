package dev.ekyc.operator.receipt;

import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the log's storages. */
public final class ReceiptLogs {
  private ReceiptLogs() {}

  /**
   * The snapshot of a head and its stored bundles. A full tail (not flushed yet) is presented as
   * one more full bundle, its root computed from its hashes (those are checked against the signed
   * root like the rest).
   */
  public static LogSnapshot normalise(
      LogHead head, List<LogSnapshot.Bundle> bundles, List<String> keys) {
    List<byte[]> roots = new ArrayList<>(head.bundleRoots());
    List<LogSnapshot.Bundle> all = new ArrayList<>(bundles);
    LogSnapshot.Bundle tail = new LogSnapshot.Bundle(head.tailEntries(), head.tailHashes());
    if (head.tailEntries().size() == EntryBundle.WIDTH) {
      all.add(tail);
      roots.add(EntryBundle.root(head.tailHashes()));
      tail = new LogSnapshot.Bundle(List.of(), List.of());
    }
    return new LogSnapshot(head.checkpointNote(), roots, all, tail, keys);
  }
}
