package dev.ekyc.operator.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * The log as read from its storage (the cluster or an export), untrusted: the signed head
 * checkpoint, the roots of the full entry bundles (the log's height-8 nodes), each full bundle's
 * entries and leaf hashes (null when the bundle is missing), and the partial bundle after them.
 * Nothing here is believed until {@link LogAudit} has checked it against the checkpoint's
 * signature.
 */
public record LogSnapshot(
    String checkpointNote,
    List<byte[]> bundleRoots,
    List<Bundle> bundles,
    Bundle tail,
    List<String> publishedKeys) {

  /**
   * One entry bundle: raw entries and the leaf hashes stored next to them; null lists when missing.
   */
  public record Bundle(List<byte[]> entries, List<byte[]> hashes) {
    public static Bundle missing() {
      return new Bundle(null, null);
    }

    boolean present() {
      return entries != null && hashes != null;
    }
  }

  public LogSnapshot {
    bundleRoots = List.copyOf(bundleRoots);
    bundles = new ArrayList<>(bundles);
    publishedKeys = publishedKeys == null ? List.of() : List.copyOf(publishedKeys);
  }

  /** Every entry present, in stored order, with its stored position. */
  public List<byte[]> entries() {
    List<byte[]> all = new ArrayList<>();
    for (Bundle b : bundles) {
      if (b.present()) {
        all.addAll(b.entries());
      }
    }
    all.addAll(tail.entries());
    return all;
  }
}
