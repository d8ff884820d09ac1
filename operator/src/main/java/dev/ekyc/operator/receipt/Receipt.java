package dev.ekyc.operator.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One receipt: a leaf of the log, as an immutable tree of canonical JSON values (docs/receipts.md
 * lists the fields). The map form keeps fields this version does not know (a newer writer's, e.g.
 * new outcome counts), so a reader never drops what it cannot interpret, and the leaf is always
 * hashed from the bytes as stored.
 *
 * <p>What a receipt may hold is what an auditor needs about a run and nothing about the data: names
 * of Kubernetes resources, rules and owned backend names, times, counts, digests. Never an object
 * key, a row value, a document or a secret: the builders take no such input.
 */
public final class Receipt {
  public static final long VERSION = 1;

  /** Kinds of receipt. */
  public static final String RULE_RUN = "RuleRun";

  public static final String RUN = "Run";
  public static final String LIFECYCLE_WRITE = "LifecycleWrite";
  public static final String KEY_ROTATION = "KeyRotation";

  private final SortedMap<String, Object> fields;
  private final byte[] bytes;

  private Receipt(SortedMap<String, Object> fields, byte[] bytes) {
    this.fields = fields;
    this.bytes = bytes;
  }

  /**
   * Parses stored bytes; the receipt keeps exactly these bytes, canonical or not ({@link
   * #canonical()}).
   */
  public static Receipt parse(byte[] bytes) {
    return new Receipt(Collections.unmodifiableSortedMap(CanonicalJson.read(bytes)), bytes.clone());
  }

  static Receipt of(SortedMap<String, Object> fields) {
    SortedMap<String, Object> copy = deepCopy(fields);
    return new Receipt(Collections.unmodifiableSortedMap(copy), CanonicalJson.write(copy));
  }

  public static ReceiptBuilder builder(String kind) {
    return new ReceiptBuilder(kind);
  }

  /** The leaf data: the bytes the log hashes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public byte[] leafHash() {
    return MerkleHash.leaf(bytes);
  }

  /** Whether the stored bytes are the canonical serialisation of their own content. */
  public boolean canonical() {
    return java.util.Arrays.equals(bytes, CanonicalJson.write(fields));
  }

  public SortedMap<String, Object> fields() {
    return fields;
  }

  public long version() {
    return number("v", -1);
  }

  /** The position the writer gave the receipt in the log (-1 when absent). */
  public long index() {
    return number("index", -1);
  }

  public String kind() {
    return string("kind");
  }

  /** A value by dotted path, e.g. {@code store.name}; null when absent. */
  public Object get(String path) {
    Object current = fields;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(part);
    }
    return current;
  }

  public String string(String path) {
    Object v = get(path);
    return v instanceof String s ? s : null;
  }

  private long number(String path, long absent) {
    Object v = get(path);
    return v instanceof Long n ? n : absent;
  }

  /**
   * The receipt with {@code index} set (the writer's last step, redone on each retry of an append).
   */
  public Receipt atIndex(long index) {
    SortedMap<String, Object> copy = deepCopy(fields);
    copy.put("index", index);
    return of(copy);
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static SortedMap<String, Object> deepCopy(Map<String, Object> source) {
    SortedMap<String, Object> copy = new TreeMap<>();
    source.forEach(
        (k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }

  @Override
  public String toString() {
    return text();
  }
}
