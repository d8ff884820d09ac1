package dev.ekyc.operator.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * A log held in memory, the same head and bundles as the cluster's: for exports, tests and
 * benchmarks.
 */
public final class MemoryLog {
  private LogHead head;
  private final List<LogHead.FullBundle> bundles = new ArrayList<>();
  private final List<String> publishedKeys = new ArrayList<>();

  public MemoryLog(String origin, List<NoteSigner> signers) {
    head = LogHead.empty(origin, signers);
    signers.forEach(s -> publishedKeys.add(s.verifierKey()));
  }

  public MemoryLog(LogHead head, List<LogHead.FullBundle> bundles, List<String> publishedKeys) {
    this.head = head;
    this.bundles.addAll(bundles);
    this.publishedKeys.addAll(publishedKeys);
  }

  public long append(Receipt receipt, List<NoteSigner> signers) {
    LogHead.Appended appended = head.append(receipt, signers);
    if (appended.flushed() != null) {
      bundles.add(appended.flushed());
    }
    head = appended.head();
    return appended.index();
  }

  public LogHead head() {
    return head;
  }

  public void replaceHead(LogHead newHead) {
    head = newHead;
  }

  public void publish(String verifierKey) {
    if (!publishedKeys.contains(verifierKey)) {
      publishedKeys.add(verifierKey);
    }
  }

  public LogSnapshot snapshot() {
    List<LogSnapshot.Bundle> stored = new ArrayList<>();
    for (LogHead.FullBundle b : bundles) {
      stored.add(new LogSnapshot.Bundle(b.entries(), b.hashes()));
    }
    return ReceiptLogs.normalise(head, stored, publishedKeys);
  }
}
