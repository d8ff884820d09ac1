package dev.ekyc.operator.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.receipt.Finding.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The whole-log audit on logs built by the real head and bundle code: a clean log verifies, and
 * each kind of tampering (altered, removed, reordered, forged receipt; forged signature; retired
 * key; truncation; fork) fails and names the receipt.
 */
class LogAuditTest {
  private static final String ORIGIN = "ekyc.dev/receipts/test";
  private final NoteSigner key = NoteSigner.parse(NoteKeys.generateSigner(ORIGIN));
  private final NoteVerifier verifier = NoteVerifier.parse(key.verifierKey());

  @Test
  void aCleanLogVerifiesAtEverySizeAroundBundleBoundaries() {
    for (int size : new int[] {0, 1, 255, 256, 257, 600}) {
      MemoryLog log = log(size);
      LogAudit.Result result = audit(log.snapshot());
      assertThat(result.findings()).as("size " + size).noneMatch(Finding::failure);
      assertThat(result.receipts()).hasSize(size);
      assertThat(result.tree().size()).isEqualTo(size);
    }
  }

  @Test
  void anOldCheckpointIsConsistentWithTheGrownLog() {
    MemoryLog log = log(300);
    String old = log.head().checkpointNote();
    appendMany(log, 300, 30);
    assertThat(new LogAudit(List.of(verifier)).audit(log.snapshot(), List.of(old)).ok()).isTrue();
  }

  @Test
  void anAlteredReceiptIsNamed() {
    for (int victim : new int[] {3, 270}) {
      MemoryLog log = log(300);
      LogSnapshot tampered =
          rewriteEntry(
              log.snapshot(),
              victim,
              bytes ->
                  new String(bytes, StandardCharsets.UTF_8)
                      .replace("\"deleted\":" + victim, "\"deleted\":0")
                      .getBytes(StandardCharsets.UTF_8));
      assertThat(failures(tampered))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.kind()).isEqualTo(Kind.ALTERED);
                assertThat(f.index()).isEqualTo(victim);
              });
    }
  }

  @Test
  void aRemovedReceiptIsNamed() {
    MemoryLog log = log(40);
    LogSnapshot s = log.snapshot();
    List<byte[]> entries = new ArrayList<>(s.tail().entries());
    entries.remove(17);
    LogSnapshot tampered = withTail(s, entries, s.tail().hashes());
    assertThat(failures(tampered))
        .extracting(Finding::kind, Finding::index)
        .contains(org.assertj.core.groups.Tuple.tuple(Kind.REMOVED, 17L));
  }

  @Test
  void reorderedReceiptsAreNamed() {
    MemoryLog log = log(40);
    LogSnapshot s = log.snapshot();
    List<byte[]> entries = new ArrayList<>(s.tail().entries());
    java.util.Collections.swap(entries, 5, 6);
    assertThat(failures(withTail(s, entries, s.tail().hashes())))
        .extracting(Finding::kind, Finding::index)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.REORDERED, 5L),
            org.assertj.core.groups.Tuple.tuple(Kind.REORDERED, 6L));
  }

  @Test
  void aForgedReceiptWithItsHashInsertedIsNamed() {
    MemoryLog log = log(40);
    LogSnapshot s = log.snapshot();
    byte[] forged = receipt(99).atIndex(40).bytes();
    List<byte[]> entries = new ArrayList<>(s.tail().entries());
    List<byte[]> hashes = new ArrayList<>(s.tail().hashes());
    entries.add(forged);
    hashes.add(MerkleHash.leaf(forged));
    List<Finding> found = failures(withTail(s, entries, hashes));
    assertThat(found).extracting(Finding::kind).contains(Kind.FORGED);
    assertThat(found.toString()).contains("40");
  }

  @Test
  void aCheckpointSignedWithAnotherKeyIsForged() {
    MemoryLog log = log(10);
    NoteSigner impostor = NoteSigner.parse(NoteKeys.generateSigner(ORIGIN));
    LogHead forgedHead = log.head().resigned(List.of(impostor));
    log.replaceHead(forgedHead);
    assertThat(failures(log.snapshot())).extracting(Finding::kind).contains(Kind.FORGED);
    // Same name and key ID, wrong bytes: a forged signature, named as such.
    String note = log(10).head().checkpointNote();
    String bad =
        note.substring(0, note.length() - 6)
            + (note.charAt(note.length() - 6) == 'A' ? "B" : "A")
            + note.substring(note.length() - 5);
    LogSnapshot s = log(10).snapshot();
    LogSnapshot tampered =
        new LogSnapshot(bad, s.bundleRoots(), s.bundles(), s.tail(), s.publishedKeys());
    assertThat(failures(tampered).toString()).contains("does not verify");
  }

  @Test
  void rotationKeepsOldReceiptsVerifiableAndARetiredKeyCannotSignLater() {
    MemoryLog log = log(20);
    NoteSigner next = NoteSigner.parse(NoteKeys.generateSigner(ORIGIN));
    String before = log.head().checkpointNote();
    log.append(
        Receipt.builder(Receipt.KEY_ROTATION)
            .keyRotation(key.verifierKey(), next.verifierKey())
            .build(),
        List.of(key, next));
    String transition = log.head().checkpointNote();
    appendMany(log, 21, 5, next);
    List<NoteVerifier> both = List.of(verifier, NoteVerifier.parse(next.verifierKey()));
    LogAudit.Result result = new LogAudit(both).audit(log.snapshot(), List.of(before, transition));
    assertThat(result.findings()).noneMatch(Finding::failure);
    // The retired key signing a later checkpoint is refused, by name.
    log.replaceHead(log.head().resigned(List.of(key)));
    assertThat(new LogAudit(both).audit(log.snapshot(), List.of()).findings())
        .extracting(Finding::kind)
        .contains(Kind.RETIRED_KEY);
  }

  @Test
  void aTruncatedLogAndAForkAreDetectedWithTheAuditorsCheckpoint() {
    MemoryLog full = log(50);
    String kept = full.head().checkpointNote();
    MemoryLog shorter = log(30);
    assertThat(new LogAudit(List.of(verifier)).audit(shorter.snapshot(), List.of(kept)).findings())
        .extracting(Finding::kind)
        .contains(Kind.REMOVED);
    // A fork: the same size, another history (receipt 10 differs), both signed by the key.
    MemoryLog other = new MemoryLog(ORIGIN, List.of(key));
    for (int i = 0; i < 50; i++) {
      other.append(receipt(i == 10 ? 1000 : i), List.of(key));
    }
    assertThat(new LogAudit(List.of(verifier)).audit(other.snapshot(), List.of(kept)).findings())
        .extracting(Finding::kind)
        .contains(Kind.FORK);
    MemoryLog grown = new MemoryLog(ORIGIN, List.of(key));
    for (int i = 0; i < 60; i++) {
      grown.append(receipt(i == 10 ? 1000 : i), List.of(key));
    }
    assertThat(new LogAudit(List.of(verifier)).audit(grown.snapshot(), List.of(kept)).findings())
        .extracting(Finding::kind)
        .contains(Kind.FORK);
  }

  @Test
  void randomTamperingIsAlwaysDetected() {
    Random random = new Random(42);
    for (int i = 0; i < MerkleTreeTest.scaled(40); i++) {
      int size = 2 + random.nextInt(600);
      LogSnapshot s = log(size).snapshot();
      int victim = random.nextInt(size);
      LogSnapshot tampered =
          rewriteEntry(
              s,
              victim,
              bytes -> {
                byte[] copy = bytes.clone();
                copy[random.nextInt(copy.length)] ^= 0x01;
                return copy;
              });
      assertThat(failures(tampered))
          .as("size %d victim %d", size, victim)
          .isNotEmpty()
          .anySatisfy(f -> assertThat(f.index()).isEqualTo(victim));
    }
  }

  private MemoryLog log(int size) {
    MemoryLog log = new MemoryLog(ORIGIN, List.of(key));
    appendMany(log, 0, size);
    return log;
  }

  private void appendMany(MemoryLog log, int from, int count) {
    appendMany(log, from, count, key);
  }

  private static void appendMany(MemoryLog log, int from, int count, NoteSigner signer) {
    for (int i = from; i < from + count; i++) {
      log.append(receipt(i), List.of(signer));
    }
  }

  static Receipt receipt(int n) {
    return Receipt.builder(Receipt.RULE_RUN)
        .store("ekyc", "media", "ObjectStorage", "SG")
        .policy("verification-media", "uid-1", 3L)
        .rule("liveness-media", "liveness", "Contract")
        .mode("Enforce")
        .outcome("Succeeded")
        .count("deleted", (long) n)
        .build();
  }

  private List<Finding> failures(LogSnapshot s) {
    return audit(s).findings().stream().filter(Finding::failure).toList();
  }

  private LogAudit.Result audit(LogSnapshot s) {
    return new LogAudit(List.of(verifier)).audit(s, List.of());
  }

  private static LogSnapshot withTail(LogSnapshot s, List<byte[]> entries, List<byte[]> hashes) {
    return new LogSnapshot(
        s.checkpointNote(),
        s.bundleRoots(),
        s.bundles(),
        new LogSnapshot.Bundle(entries, hashes),
        s.publishedKeys());
  }

  private static LogSnapshot rewriteEntry(LogSnapshot s, int index, UnaryOperator<byte[]> change) {
    int bundle = index / EntryBundle.WIDTH;
    if (bundle < s.bundles().size()) {
      List<LogSnapshot.Bundle> bundles = new ArrayList<>(s.bundles());
      List<byte[]> entries = new ArrayList<>(bundles.get(bundle).entries());
      entries.set(index % 256, change.apply(entries.get(index % 256)));
      bundles.set(bundle, new LogSnapshot.Bundle(entries, bundles.get(bundle).hashes()));
      return new LogSnapshot(
          s.checkpointNote(), s.bundleRoots(), bundles, s.tail(), s.publishedKeys());
    }
    List<byte[]> entries = new ArrayList<>(s.tail().entries());
    entries.set(index % 256, change.apply(entries.get(index % 256)));
    return withTail(s, entries, s.tail().hashes());
  }
}
