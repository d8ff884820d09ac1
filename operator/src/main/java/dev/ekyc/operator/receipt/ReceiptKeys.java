package dev.ekyc.operator.receipt;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log's keys in the cluster. The signing key lives in Secret {@value #SECRET} (key {@value
 * #SIGNER}), created with a fresh Ed25519 key when none exists; every verifier key the log ever
 * used is published, one a line, in ConfigMap {@value #PUBLIC} (key {@value #VERIFIERS}), which
 * {@code verify --print-key} prints. A rotation puts the new key in the Secret as {@value #NEXT}
 * first, appends a KeyRotation receipt signed by both keys, then makes the new key the signer and
 * deletes the old one: from then on the old key cannot sign (nobody holds it), and a checkpoint it
 * signed beyond the rotation is refused by {@code verify} (RETIRED_KEY). Killed half way, the next
 * {@link #signers} call finishes the rotation it finds.
 */
public final class ReceiptKeys {
  public static final String SECRET = "ekyc-receipts-signing-key";
  public static final String PUBLIC = "ekyc-receipts-keys";
  public static final String SIGNER = "signer";
  public static final String NEXT = "next-signer";
  public static final String VERIFIERS = "verifier-keys";
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ReceiptKeys.class);

  private final KubernetesClient client;
  private final String namespace;
  private final ClusterReceiptLog log;

  public ReceiptKeys(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    this.log = new ClusterReceiptLog(client, namespace);
  }

  /** A new log's origin (and key name): unique per installation, readable. */
  static String newOrigin(String namespace) {
    byte[] id = new byte[6];
    new SecureRandom().nextBytes(id);
    return "ekyc.dev/receipts/" + namespace + "/" + HexFormat.of().formatHex(id);
  }

  /**
   * The active signer, creating the key (and publishing it) when there is none; finishes a pending
   * rotation.
   */
  public NoteSigner signer() {
    Secret secret = secret();
    if (secret == null) {
      secret = createSecret();
    }
    Map<String, String> data = decoded(secret);
    if (data.containsKey(NEXT)) {
      finishRotation(secret, data);
      return signer();
    }
    NoteSigner signer = NoteSigner.parse(require(data, SIGNER));
    publish(signer.verifierKey());
    return signer;
  }

  /** Every verifier key published for the log, oldest first. */
  public List<NoteVerifier> published() {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(PUBLIC).get();
    List<NoteVerifier> keys = new ArrayList<>();
    if (cm != null && cm.getData() != null && cm.getData().get(VERIFIERS) != null) {
      for (String line : cm.getData().get(VERIFIERS).split("\n")) {
        if (!line.isBlank()) {
          keys.add(NoteVerifier.parse(line));
        }
      }
    }
    return keys;
  }

  /** Appends {@code receipt} with the active key. */
  public LogHead.Appended append(Receipt receipt) {
    NoteSigner signer = signer();
    return log.append(receipt, List.of(signer), trustedForAppend(signer));
  }

  /** The log's head as stored (null before the first receipt). */
  public LogHead head() {
    return log.head();
  }

  /** Rotates to a fresh key; returns the new verifier key. */
  public String rotate() {
    NoteSigner current = signer();
    Secret secret = secret();
    Map<String, String> data = decoded(secret);
    String nextKey = NoteKeys.generateSigner(current.name());
    data.put(NEXT, nextKey);
    write(secret, data);
    publish(NoteKeys.verifierOf(nextKey));
    Secret pending = secret();
    finishRotation(pending, decoded(pending));
    return NoteKeys.verifierOf(nextKey);
  }

  private void finishRotation(Secret secret, Map<String, String> data) {
    NoteSigner old = NoteSigner.parse(require(data, SIGNER));
    NoteSigner next = NoteSigner.parse(require(data, NEXT));
    publish(next.verifierKey());
    if (!rotationRecorded(old.verifierKey(), next.verifierKey())) {
      Receipt rotation =
          Receipt.builder(Receipt.KEY_ROTATION)
              .keyRotation(old.verifierKey(), next.verifierKey())
              .recordedAt(
                  java.time.Instant.now()
                      .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                      .toString())
              .build();
      List<NoteVerifier> trusted = new ArrayList<>(published());
      log.append(rotation, List.of(old, next), trusted);
      LOG.info(
          "receipt log key rotated: {} retired, {} signs from now on",
          old.verifierKey(),
          next.verifierKey());
    }
    Map<String, String> promoted = new LinkedHashMap<>(data);
    promoted.put(SIGNER, promoted.remove(NEXT));
    try {
      write(secret, promoted);
    } catch (ReceiptLogException e) {
      // Another writer finishing the same rotation promoted it first; anything else is an error.
      Map<String, String> now = decoded(secret());
      if (now.containsKey(NEXT)
          || !next.verifierKey().equals(NoteKeys.verifierOf(require(now, SIGNER)))) {
        throw e;
      }
    }
  }

  private boolean rotationRecorded(String retired, String next) {
    LogHead head = log.head();
    if (head == null) {
      return false;
    }
    // The rotation receipt is appended right before the promotion, and an append never leaves the
    // partial bundle
    // empty, so it is there unless 256 receipts came in between; then a second rotation receipt is
    // appended,
    // which verify reads as the same retirement (the first one counts).
    for (byte[] entry : head.tailEntries()) {
      Receipt r = Receipt.parse(entry);
      if (Receipt.KEY_ROTATION.equals(r.kind())
          && retired.equals(r.string("keys.retired"))
          && next.equals(r.string("keys.next"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The keys a head may be signed with to be extended: every published key (a retired key's last
   * checkpoint too).
   */
  private List<NoteVerifier> trustedForAppend(NoteSigner signer) {
    List<NoteVerifier> trusted = new ArrayList<>(published());
    NoteVerifier own = NoteVerifier.parse(signer.verifierKey());
    if (!trusted.contains(own)) {
      trusted.add(own);
    }
    return trusted;
  }

  private Secret secret() {
    return client.secrets().inNamespace(namespace).withName(SECRET).get();
  }

  private Secret createSecret() {
    String signerKey = NoteKeys.generateSigner(newOrigin(namespace));
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(SECRET)
            .addToLabels("app.kubernetes.io/component", ClusterReceiptLog.COMPONENT)
            .addToLabels("app.kubernetes.io/managed-by", "ekyc-operator")
            .endMetadata()
            .addToData(SIGNER, b64(signerKey))
            .build();
    try {
      Secret created = client.secrets().inNamespace(namespace).resource(secret).create();
      LOG.info(
          "created the receipt signing key in Secret {}/{}; verifier key {}",
          namespace,
          SECRET,
          NoteKeys.verifierOf(signerKey));
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return secret();
      }
      throw new ReceiptLogException(
          "cannot create the receipt signing key Secret "
              + namespace
              + "/"
              + SECRET
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Adds a verifier key to the public ConfigMap (read-modify-write on resourceVersion). */
  void publish(String verifierKey) {
    for (int attempt = 0; attempt < 10; attempt++) {
      ConfigMap cm = client.configMaps().inNamespace(namespace).withName(PUBLIC).get();
      List<String> lines = new ArrayList<>();
      if (cm != null && cm.getData() != null && cm.getData().get(VERIFIERS) != null) {
        Arrays.stream(cm.getData().get(VERIFIERS).split("\n"))
            .filter(l -> !l.isBlank())
            .forEach(lines::add);
      }
      if (lines.contains(verifierKey)) {
        return;
      }
      lines.add(verifierKey);
      ConfigMap next =
          new ConfigMapBuilder()
              .withNewMetadata()
              .withName(PUBLIC)
              .withResourceVersion(cm == null ? null : cm.getMetadata().getResourceVersion())
              .addToLabels("app.kubernetes.io/component", ClusterReceiptLog.COMPONENT)
              .addToLabels("app.kubernetes.io/managed-by", "ekyc-operator")
              .endMetadata()
              .addToData(VERIFIERS, String.join("\n", lines) + "\n")
              .build();
      try {
        if (cm == null) {
          client.configMaps().inNamespace(namespace).resource(next).create();
        } else {
          client.configMaps().inNamespace(namespace).resource(next).update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw new ReceiptLogException(
              "cannot publish the receipt verifier key in ConfigMap "
                  + namespace
                  + "/"
                  + PUBLIC
                  + ": "
                  + e.getMessage(),
              e);
        }
      }
    }
    throw new ReceiptLogException(
        "ConfigMap " + namespace + "/" + PUBLIC + " kept changing; key not published");
  }

  private void write(Secret secret, Map<String, String> data) {
    Map<String, String> encoded = new LinkedHashMap<>();
    data.forEach((k, v) -> encoded.put(k, b64(v)));
    Secret next = new SecretBuilder(secret).withData(encoded).build();
    try {
      client.secrets().inNamespace(namespace).resource(next).update();
    } catch (KubernetesClientException e) {
      throw new ReceiptLogException(
          "cannot update the receipt signing key Secret "
              + namespace
              + "/"
              + SECRET
              + " (HTTP "
              + e.getCode()
              + ")",
          e);
    }
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> out = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) ->
                  out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static String require(Map<String, String> data, String key) {
    String v = data.get(key);
    if (v == null || v.isBlank()) {
      throw new ReceiptLogException(
          "Secret "
              + SECRET
              + " has no key '"
              + key
              + "': put a signer key there"
              + " (PRIVATE+KEY+<name>+<id>+<key>) or delete the Secret to have a new one created");
    }
    return v.trim();
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
