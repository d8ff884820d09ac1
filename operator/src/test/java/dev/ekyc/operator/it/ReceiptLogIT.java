package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.receipt.ClusterReceiptLog;
import dev.ekyc.operator.receipt.Finding;
import dev.ekyc.operator.receipt.LogAudit;
import dev.ekyc.operator.receipt.LogHead;
import dev.ekyc.operator.receipt.NoteKeys;
import dev.ekyc.operator.receipt.NoteVerifier;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.ReceiptKeys;
import dev.ekyc.operator.receipt.ReceiptLogException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The receipt log in a real kube-apiserver: two writers with their own clients appending at once
 * never fork it (every receipt once, every checkpoint either saw consistent with the final one),
 * across a bundle boundary; the signing key is created and published when absent and its rotation
 * keeps the log verifiable; a head or bundle someone edits is refused by the writers and named by
 * the audit; nothing is owned by another object.
 */
class ReceiptLogIT {
  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void setUp() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-receipts");
  }

  @AfterAll
  static void tearDown() {
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void twoConcurrentWritersNeverForkTheLog() throws Exception {
    int perWriter = 140; // 280 receipts: the writers race across the first bundle flush at 256
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (KubernetesClient a = ownClient();
        KubernetesClient b = ownClient()) {
      ReceiptKeys first = new ReceiptKeys(a, namespace);
      first.signer(); // both writers share the installation's key, as the operator and its jobs do
      List<Future<?>> writers = new ArrayList<>();
      for (KubernetesClient writerClient : List.of(a, b)) {
        String writer = writerClient == a ? "a" : "b";
        writers.add(
            pool.submit(
                () -> {
                  ReceiptKeys keys = new ReceiptKeys(writerClient, namespace);
                  for (int i = 0; i < perWriter; i++) {
                    LogHead.Appended appended =
                        keys.append(Receipt.builder(Receipt.RUN).message(writer + "-" + i).build());
                    seen.add(appended.head().checkpointNote());
                  }
                  return null;
                }));
      }
      for (Future<?> w : writers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    ReceiptKeys keys = new ReceiptKeys(client, namespace);
    ClusterReceiptLog log = new ClusterReceiptLog(client, namespace);
    List<NoteVerifier> published = keys.published();
    LogAudit.Result result = new LogAudit(published).audit(log.snapshot(List.of()), seen);
    assertThat(result.findings()).noneMatch(Finding::failure);
    assertThat(result.checkpoint().size()).isEqualTo(2L * perWriter);
    Set<String> messages = new HashSet<>();
    for (Receipt r : result.receipts()) {
      assertThat(messages.add(r.string("message")))
          .as("receipt %s appended once", r.string("message"))
          .isTrue();
      assertThat(r.index()).isEqualTo(result.receipts().indexOf(r));
    }
    assertThat(messages).hasSize(2 * perWriter);
    ConfigMap bundle =
        client.configMaps().inNamespace(namespace).withName(ClusterReceiptLog.bundleName(0)).get();
    assertThat(bundle.getImmutable()).isTrue();
    for (ConfigMap cm :
        List.of(
            bundle,
            client.configMaps().inNamespace(namespace).withName(ClusterReceiptLog.HEAD).get())) {
      assertThat(cm.getMetadata().getOwnerReferences())
          .as("receipts outlive what they describe")
          .isNullOrEmpty();
    }

    // Rotation: the new key signs from now on, the old one is gone from the Secret, everything
    // still verifies.
    String oldKey = published.get(0).text();
    String newKey = keys.rotate();
    keys.append(Receipt.builder(Receipt.RUN).message("after rotation").build());
    Secret secret = client.secrets().inNamespace(namespace).withName(ReceiptKeys.SECRET).get();
    String signer =
        new String(Base64.getDecoder().decode(secret.getData().get(ReceiptKeys.SIGNER)));
    assertThat(NoteKeys.verifierOf(signer)).isEqualTo(newKey);
    assertThat(secret.getData()).doesNotContainKey(ReceiptKeys.NEXT);
    assertThat(keys.published()).extracting(NoteVerifier::text).containsExactly(oldKey, newKey);
    LogAudit.Result rotated = new LogAudit(keys.published()).audit(log.snapshot(List.of()), seen);
    assertThat(rotated.findings()).noneMatch(Finding::failure);
    assertThat(rotated.receipts())
        .anySatisfy(r -> assertThat(r.kind()).isEqualTo(Receipt.KEY_ROTATION));

    // Someone edits a receipt in the head: writers refuse to sign over it, the audit names it.
    ConfigMap head =
        client.configMaps().inNamespace(namespace).withName(ClusterReceiptLog.HEAD).get();
    LogHead stored = new ClusterReceiptLog(client, namespace).head();
    long victim = stored.size() - 1;
    byte[] original = stored.tailEntries().get(stored.tailEntries().size() - 1);
    byte[] edited =
        new String(original)
            .replace("\"kind\":\"Run\"", "\"kind\":\"Run\",\"note\":\"x\"")
            .getBytes();
    List<byte[]> entries = new ArrayList<>(stored.tailEntries());
    entries.set(entries.size() - 1, edited);
    ConfigMap tampered = new io.fabric8.kubernetes.api.model.ConfigMapBuilder(head).build();
    tampered
        .getBinaryData()
        .put(
            "entries",
            Base64.getEncoder()
                .encodeToString(gzip(dev.ekyc.operator.receipt.EntryBundle.encode(entries))));
    client.configMaps().inNamespace(namespace).resource(tampered).update();
    assertThatThrownBy(() -> keys.append(Receipt.builder(Receipt.RUN).message("refused").build()))
        .isInstanceOf(ReceiptLogException.class)
        .hasMessageContaining("receipt " + victim);
    assertThat(new LogAudit(keys.published()).audit(log.snapshot(List.of()), List.of()).findings())
        .filteredOn(Finding::failure)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Finding.Kind.ALTERED);
              assertThat(f.index()).isEqualTo(victim);
            });

    // A deleted bundle is named with the receipts it held.
    client.configMaps().inNamespace(namespace).withName(ClusterReceiptLog.bundleName(0)).delete();
    Eventually.await(
        "the bundle deletion",
        java.time.Duration.ofSeconds(10),
        () ->
            client
                    .configMaps()
                    .inNamespace(namespace)
                    .withName(ClusterReceiptLog.bundleName(0))
                    .get()
                == null,
        gone -> gone);
    assertThat(new LogAudit(keys.published()).audit(log.snapshot(List.of()), List.of()).findings())
        .anySatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(Finding.Kind.REMOVED);
              assertThat(f.message()).contains("receipts 0 to 255");
            });
  }

  private static byte[] gzip(byte[] data) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static KubernetesClient ownClient() throws java.io.IOException {
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(Files.readString(TestCluster.get().kubeconfig())))
        .build();
  }
}
