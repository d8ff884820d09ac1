package dev.ekyc.operator.receipt;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The installation's receipt log in its namespace, with no component besides the API server: a head
 * ConfigMap ({@value #HEAD}: origin, signed checkpoint, roots of the full bundles, the partial
 * bundle) and one immutable ConfigMap per full bundle of 256 receipts ({@code
 * ekyc-receipts-bundle-NNNNNN}: the C2SP tlog-tiles entry bundle, gzipped, and its leaf hash tile).
 * None is owned by anything: they outlive policies, stores, pods and the operator's restarts.
 *
 * <p>Every append is a compare-and-swap of the head on its resourceVersion: of two writers
 * extending the same head exactly one update succeeds; the other re-reads the new head and appends
 * after it, so the log never forks. Before extending a head the writer checks it: its checkpoint is
 * signed by one of the log's keys and its stored hashes give that root. A head someone rewrote is
 * refused, never signed over.
 */
public final class ClusterReceiptLog {
  public static final String HEAD = "ekyc-receipts";
  public static final String BUNDLE_PREFIX = "ekyc-receipts-bundle-";
  public static final String COMPONENT = "receipts";
  static final String LABEL_COMPONENT = "app.kubernetes.io/component";
  static final String LABEL_BUNDLE = "ekyc.dev/receipts-bundle";
  private static final int ATTEMPTS = 30;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ClusterReceiptLog.class);

  private final KubernetesClient client;
  private final String namespace;

  public ClusterReceiptLog(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  /**
   * Appends one receipt, signed by {@code signers} (the active key; during a rotation the retiring
   * key too), and returns its index and the new head. {@code trusted} are the keys a head may be
   * signed with to be extended.
   */
  public LogHead.Appended append(
      Receipt receipt, List<NoteSigner> signers, List<NoteVerifier> trusted) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      ConfigMap current = client.configMaps().inNamespace(namespace).withName(HEAD).get();
      if (current == null) {
        createHead(signers);
        continue;
      }
      LogHead head = decodeHead(current);
      checkHead(head, trusted);
      LogHead.Appended appended = head.append(receipt, signers);
      if (appended.flushed() != null) {
        storeBundle(appended.flushed());
      }
      ConfigMap next = encodeHead(appended.head(), current.getMetadata().getResourceVersion());
      try {
        client.configMaps().inNamespace(namespace).resource(next).update();
        return appended;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw new ReceiptLogException(
              "cannot write the receipt log head " + namespace + "/" + HEAD + ": " + e.getMessage(),
              e);
        }
        // Another writer appended first: re-read its head and append after it.
        LockSupport.parkNanos(
            ThreadLocalRandom.current().nextLong(1_000_000L, 20_000_000L * attempt));
      }
    }
    throw new ReceiptLogException(
        "the receipt log head "
            + namespace
            + "/"
            + HEAD
            + " changed under every one of "
            + ATTEMPTS
            + " attempts to append; too many concurrent writers");
  }

  /** The head as stored, or null when the log has no head yet. */
  public LogHead head() {
    ConfigMap current = client.configMaps().inNamespace(namespace).withName(HEAD).get();
    return current == null ? null : decodeHead(current);
  }

  /** Everything stored, unverified, for {@link LogAudit}. */
  public LogSnapshot snapshot(List<String> publishedKeys) {
    LogHead head = head();
    if (head == null) {
      throw new ReceiptLogException(
          "no receipt log in namespace "
              + namespace
              + " (ConfigMap "
              + HEAD
              + " not found): nothing was recorded yet, or the head was deleted");
    }
    Map<Long, ConfigMap> stored = new HashMap<>();
    for (ConfigMap cm :
        client
            .configMaps()
            .inNamespace(namespace)
            .withLabel(LABEL_COMPONENT, COMPONENT)
            .withLabel(LABEL_BUNDLE)
            .list()
            .getItems()) {
      try {
        stored.put(Long.parseLong(cm.getMetadata().getLabels().get(LABEL_BUNDLE)), cm);
      } catch (NumberFormatException e) {
        LOG.warn(
            "ignoring ConfigMap {} with a bundle label that is not a number",
            cm.getMetadata().getName());
      }
    }
    List<LogSnapshot.Bundle> bundles = new ArrayList<>();
    for (long k = 0; k < head.bundleRoots().size(); k++) {
      ConfigMap cm = stored.get(k);
      bundles.add(cm == null ? LogSnapshot.Bundle.missing() : decodeBundle(cm));
    }
    return ReceiptLogs.normalise(head, bundles, publishedKeys);
  }

  private void createHead(List<NoteSigner> signers) {
    List<ConfigMap> bundles =
        client
            .configMaps()
            .inNamespace(namespace)
            .withLabel(LABEL_COMPONENT, COMPONENT)
            .withLabel(LABEL_BUNDLE)
            .list()
            .getItems();
    if (!bundles.isEmpty()) {
      throw new ReceiptLogException(
          "the receipt log head "
              + namespace
              + "/"
              + HEAD
              + " is missing but "
              + bundles.size()
              + " bundles exist: the head was deleted. Nothing is appended; restore the head from an"
              + " export ('verify' names what is missing)");
    }
    LogHead empty = LogHead.empty(signers.get(0).name(), signers);
    try {
      client.configMaps().inNamespace(namespace).resource(encodeHead(empty, null)).create();
      LOG.info("created the receipt log {}/{} (origin {})", namespace, HEAD, empty.origin());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw new ReceiptLogException(
            "cannot create the receipt log head " + namespace + "/" + HEAD + ": " + e.getMessage(),
            e);
      }
      // Created by another writer meanwhile.
    }
  }

  /**
   * A writer extends only a head whose checkpoint one of the log's keys signed and whose hashes
   * give its root.
   */
  static void checkHead(LogHead head, List<NoteVerifier> trusted) {
    SignedNote note;
    Checkpoint cp;
    try {
      note = SignedNote.parse(head.checkpointNote());
      cp = Checkpoint.parse(note.text());
    } catch (IllegalArgumentException e) {
      throw new ReceiptLogException(
          "the receipt log head's checkpoint is unreadable ("
              + e.getMessage()
              + "): not appending; run 'verify'");
    }
    if (trusted.stream().noneMatch(note::signedBy)) {
      throw new ReceiptLogException(
          "the receipt log head's checkpoint is not signed by any of the log's keys:"
              + " not appending over it; run 'verify'");
    }
    if (cp.size() != head.size()
        || !cp.origin().equals(head.origin())
        || !Arrays.equals(TreeHashes.root(head.bundleRoots(), head.tailHashes()), cp.root())) {
      throw new ReceiptLogException(
          "the receipt log head's hashes do not give its signed root: the head was"
              + " rewritten; not appending; run 'verify'");
    }
    for (int i = 0; i < head.tailEntries().size(); i++) {
      if (!Arrays.equals(MerkleHash.leaf(head.tailEntries().get(i)), head.tailHashes().get(i))) {
        throw new ReceiptLogException(
            "receipt "
                + (head.size() - head.tailEntries().size() + i)
                + " in the log head differs from its signed hash: the head was rewritten; not appending; run 'verify'");
      }
    }
  }

  private void storeBundle(LogHead.FullBundle bundle) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(bundleName(bundle.index()))
            .addToLabels(LABEL_COMPONENT, COMPONENT)
            .addToLabels(LABEL_BUNDLE, Long.toString(bundle.index()))
            .addToLabels("app.kubernetes.io/managed-by", "ekyc-operator")
            .endMetadata()
            .withImmutable(true)
            .addToBinaryData("entries", b64(Gzip.compress(EntryBundle.encode(bundle.entries()))))
            .addToBinaryData("hashes", b64(EntryBundle.encodeHashes(bundle.hashes())))
            .build();
    try {
      client.configMaps().inNamespace(namespace).resource(cm).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw new ReceiptLogException(
            "cannot store receipt bundle " + bundle.index() + ": " + e.getMessage(), e);
      }
      // Another writer flushed it first; it must hold exactly the same signed entries.
      ConfigMap existing =
          client.configMaps().inNamespace(namespace).withName(bundleName(bundle.index())).get();
      LogSnapshot.Bundle stored = existing == null ? null : decodeBundle(existing);
      if (stored == null || !sameHashes(stored.hashes(), bundle.hashes())) {
        throw new ReceiptLogException(
            "receipt bundle "
                + bundle.index()
                + " exists with other content than the"
                + " signed head's: not appending; run 'verify'");
      }
    }
  }

  public static String bundleName(long index) {
    return BUNDLE_PREFIX + String.format("%06d", index);
  }

  private static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
    if (a == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  ConfigMap encodeHead(LogHead head, String resourceVersion) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(HEAD)
        .withNamespace(namespace)
        .withResourceVersion(resourceVersion)
        .addToLabels(LABEL_COMPONENT, COMPONENT)
        .addToLabels("app.kubernetes.io/managed-by", "ekyc-operator")
        .endMetadata()
        .addToData("origin", head.origin())
        .addToData("checkpoint", head.checkpointNote())
        .addToData("size", Long.toString(head.size()))
        .addToBinaryData("entries", b64(Gzip.compress(EntryBundle.encode(head.tailEntries()))))
        .addToBinaryData("hashes", b64(EntryBundle.encodeHashes(head.tailHashes())))
        .addToBinaryData("bundle-roots", b64(EntryBundle.encodeHashes(head.bundleRoots())))
        .build();
  }

  static LogHead decodeHead(ConfigMap cm) {
    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
    Map<String, String> binary = cm.getBinaryData() == null ? Map.of() : cm.getBinaryData();
    try {
      List<byte[]> entries =
          binary.containsKey("entries")
              ? EntryBundle.decode(Gzip.decompress(unb64(binary.get("entries"))))
              : List.of();
      List<byte[]> hashes = EntryBundle.decodeHashes(unb64(binary.getOrDefault("hashes", "")));
      List<byte[]> roots = EntryBundle.decodeHashes(unb64(binary.getOrDefault("bundle-roots", "")));
      String origin = data.get("origin");
      String checkpoint = data.get("checkpoint");
      if (origin == null || checkpoint == null) {
        throw new ReceiptLogException(
            "the receipt log head " + HEAD + " lacks its origin or checkpoint");
      }
      return new LogHead(origin, roots, entries, hashes, checkpoint);
    } catch (IllegalArgumentException e) {
      throw new ReceiptLogException(
          "the receipt log head " + HEAD + " is unreadable: " + e.getMessage());
    }
  }

  static LogSnapshot.Bundle decodeBundle(ConfigMap cm) {
    Map<String, String> binary = cm.getBinaryData() == null ? Map.of() : cm.getBinaryData();
    try {
      return new LogSnapshot.Bundle(
          EntryBundle.decode(Gzip.decompress(unb64(binary.getOrDefault("entries", "")))),
          EntryBundle.decodeHashes(unb64(binary.getOrDefault("hashes", ""))));
    } catch (IllegalArgumentException e) {
      LOG.warn("receipt bundle {} is unreadable: {}", cm.getMetadata().getName(), e.getMessage());
      return new LogSnapshot.Bundle(List.of(), List.of());
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] unb64(String text) {
    return Base64.getDecoder().decode(text);
  }
}
