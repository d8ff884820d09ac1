package dev.ekyc.operator.receipt;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds a receipt field by field. Null values are left out (canonical JSON has no null). The field
 * names are the ones docs/receipts.md documents; {@link #count} takes any outcome name, so new
 * counts (deleted versions, removed delete markers, aborted uploads, ...) need no new format
 * version.
 */
public final class ReceiptBuilder {
  private final SortedMap<String, Object> fields = new TreeMap<>();

  ReceiptBuilder(String kind) {
    fields.put("v", Receipt.VERSION);
    fields.put("kind", kind);
  }

  public ReceiptBuilder store(String namespace, String name, String type, String jurisdiction) {
    SortedMap<String, Object> store = object("store");
    put(store, "namespace", namespace);
    put(store, "name", name);
    put(store, "type", type);
    put(store, "jurisdiction", jurisdiction);
    return this;
  }

  public ReceiptBuilder policy(String name, String uid, Long generation) {
    SortedMap<String, Object> policy = object("policy");
    put(policy, "name", name);
    put(policy, "uid", uid);
    put(policy, "generation", generation);
    return this;
  }

  public ReceiptBuilder rule(String name, String purpose, String legalBasis) {
    SortedMap<String, Object> rule = object("rule");
    put(rule, "name", name);
    put(rule, "purpose", purpose);
    put(rule, "legalBasis", legalBasis);
    return this;
  }

  /** The job run: its id (pod name plus a random part), command, and exit code once known. */
  public ReceiptBuilder job(String runId, String command, Integer exitCode) {
    SortedMap<String, Object> job = object("job");
    put(job, "runId", runId);
    put(job, "command", command);
    put(job, "exitCode", exitCode == null ? null : exitCode.longValue());
    return this;
  }

  public ReceiptBuilder mode(String mode) {
    put(fields, "mode", mode);
    return this;
  }

  public ReceiptBuilder outcome(String outcome) {
    put(fields, "outcome", outcome);
    return this;
  }

  public ReceiptBuilder times(String start, String end, String serverTime) {
    put(fields, "startTime", start);
    put(fields, "endTime", end);
    put(fields, "serverTime", serverTime);
    return this;
  }

  public ReceiptBuilder cutoff(String name, String time) {
    if (time != null) {
      object("cutoffs").put(name, time);
    }
    return this;
  }

  public ReceiptBuilder count(String outcome, Long count) {
    if (count != null) {
      object("counts").put(outcome, count);
    }
    return this;
  }

  public ReceiptBuilder cap(Long cap, Boolean capReached, Boolean backlog) {
    put(fields, "cap", cap);
    put(fields, "capReached", capReached);
    put(fields, "backlog", backlog);
    return this;
  }

  /**
   * Age in seconds, by the backend's clock, of the oldest data seen still due (0: nothing due
   * left).
   */
  public ReceiptBuilder oldestObservedAgeSeconds(Long seconds) {
    put(fields, "oldestObservedAgeSeconds", seconds);
    return this;
  }

  /**
   * A lifecycle write: the owned name, the mechanism, and SHA-256 digests of the configuration
   * before/after.
   */
  public ReceiptBuilder lifecycle(
      String mechanism, String ownedName, String beforeDigest, String afterDigest) {
    SortedMap<String, Object> lifecycle = object("lifecycle");
    put(lifecycle, "mechanism", mechanism);
    put(lifecycle, "ownedName", ownedName);
    put(lifecycle, "beforeDigest", beforeDigest);
    put(lifecycle, "afterDigest", afterDigest);
    return this;
  }

  /**
   * A lifecycle write: whether the owned object existed before, and a digest of the change the
   * operator made.
   */
  public ReceiptBuilder change(Boolean existedBefore, String changeDigest) {
    SortedMap<String, Object> lifecycle = object("lifecycle");
    put(lifecycle, "existedBefore", existedBefore);
    put(lifecycle, "changeDigest", changeDigest);
    return this;
  }

  /** A key rotation: the verifier key retired and the one that signs from now on. */
  public ReceiptBuilder keyRotation(String retiredKey, String nextKey) {
    SortedMap<String, Object> key = object("keys");
    put(key, "retired", retiredKey);
    put(key, "next", nextKey);
    return this;
  }

  public ReceiptBuilder message(String message) {
    put(fields, "message", message);
    return this;
  }

  /**
   * When the writer appended it, by its own clock (informational; the cutoffs use the backend's).
   */
  public ReceiptBuilder recordedAt(String time) {
    put(fields, "recordedAt", time);
    return this;
  }

  public Receipt build() {
    return Receipt.of(fields);
  }

  @SuppressWarnings("unchecked")
  private SortedMap<String, Object> object(String name) {
    return (SortedMap<String, Object>)
        fields.computeIfAbsent(name, k -> new TreeMap<String, Object>());
  }

  private static void put(Map<String, Object> target, String key, Object value) {
    if (value != null) {
      target.put(key, value);
    }
  }
}
