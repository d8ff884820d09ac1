package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.receipt.ClusterReceiptLog;
import dev.ekyc.operator.receipt.Finding;
import dev.ekyc.operator.receipt.LogAudit;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.ReceiptKeys;
import dev.ekyc.operator.reconcile.wiring.OperatorAssembly;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receipts from real runs: the operator (in process, receipts on) appends the receipts of a real
 * {@code sweep} on s3proxy, and a Died receipt for a run whose record was left Running past its
 * deadline (a killed pod); the log verifies, the receipts say what the run did, under which rule,
 * purpose and legal basis; and with planted object keys, object contents and the store's
 * credentials, no byte of the log carries any of them.
 */
class JobReceiptsIT {
  private static final String SUFFIX =
      Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
  private static final String BUCKET = "it-receipts-media-" + SUFFIX;
  private static final String PLANTED_KEY = "liveness/PLANTED-KEY-" + SUFFIX;
  private static final String PLANTED_CONTENT = "PLANTED-CONTENT-" + SUFFIX;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private static KubernetesClient client;
  private static String namespace;
  private static String logNamespace;
  private static software.amazon.awssdk.services.s3.S3Client s3;
  private static Path mounted;
  private static InProcessOperator operator;
  private static Map<String, String> s3Keys;
  private static String motoNamespace;
  private static software.amazon.awssdk.services.s3.S3Client moto;
  private static final String MOTO_BUCKET = "it-receipts-lifecycle-" + SUFFIX;

  @BeforeAll
  static void setUp() throws Exception {
    URI s3proxy = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-job-receipts");
    logNamespace = TestNamespace.create(client, "it-receipt-log");
    s3 = JobFixtures.s3(s3proxy);
    s3.createBucket(b -> b.bucket(BUCKET));
    s3Keys =
        Map.of(
            "accessKeyId",
            Backends.require("EKYC_IT_S3_ACCESS_KEY"),
            "secretAccessKey",
            Backends.require("EKYC_IT_S3_SECRET_KEY"));
    client.resource(StoreFixtures.secret(namespace, "cos-credentials", s3Keys)).create();
    mounted =
        JobFixtures.mountedSecret(
            Files.createTempDirectory("it-receipts-secrets"), "cos-credentials", s3Keys);
    DataStore media =
        StoreFixtures.bucket(
            namespace,
            "verification-media",
            s3proxy.toString(),
            Backends.require("EKYC_IT_S3_REGION"),
            BUCKET,
            "cos-credentials");
    media.getSpec().objectStorage.credentialsSecretRef.accessKeyIdKey = "accessKeyId";
    media.getSpec().objectStorage.credentialsSecretRef.secretAccessKeyKey = "secretAccessKey";
    JobFixtures.createReady(client, media);
    client.resource(JobFixtures.referenceConsent(namespace)).create();
    RetentionPolicy policy =
        JobFixtures.referencePolicy("retention-verification-media.yaml", namespace);
    policy
        .getSpec()
        .rules
        .removeIf(r -> r.name.equals("training-faces")); // s3proxy has no object tagging
    client.resource(policy).create();
    // The reference media policy on moto too, whose S3 lifecycle backstop the enforcement writes.
    URI motoUrl = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    motoNamespace = TestNamespace.create(client, "it-receipt-writes");
    moto = JobFixtures.s3(motoUrl);
    moto.createBucket(b -> b.bucket(MOTO_BUCKET));
    client.resource(StoreFixtures.secret(motoNamespace, "cos-credentials", s3Keys)).create();
    DataStore motoStore =
        StoreFixtures.bucket(
            motoNamespace,
            "verification-media",
            motoUrl.toString(),
            Backends.require("EKYC_IT_S3_REGION"),
            MOTO_BUCKET,
            "cos-credentials");
    motoStore.getSpec().objectStorage.credentialsSecretRef.accessKeyIdKey = "accessKeyId";
    motoStore.getSpec().objectStorage.credentialsSecretRef.secretAccessKeyKey = "secretAccessKey";
    client.resource(motoStore).create();
    client.resource(JobFixtures.referenceConsent(motoNamespace)).create();
    client
        .resource(JobFixtures.referencePolicy("retention-verification-media.yaml", motoNamespace))
        .create();
    operator =
        InProcessOperator.start(
            OperatorAssembly.Options.defaults()
                .watching(Set.of(namespace, motoNamespace))
                .withReceiptsIn(logNamespace),
            client,
            new SimpleMeterRegistry());
  }

  @AfterAll
  static void tearDown() {
    if (operator != null) operator.close();
    if (s3 != null) {
      for (String key : JobFixtures.keys(s3, BUCKET)) {
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
      }
      s3.deleteBucket(b -> b.bucket(BUCKET));
      s3.close();
    }
    if (moto != null) {
      moto.deleteBucketLifecycle(b -> b.bucket(MOTO_BUCKET));
      moto.deleteBucket(b -> b.bucket(MOTO_BUCKET));
      moto.close();
    }
    if (client != null) {
      TestNamespace.delete(client, motoNamespace);
      TestNamespace.delete(client, namespace);
      TestNamespace.delete(client, logNamespace);
    }
  }

  @Test
  void realRunsLeaveVerifiableReceiptsWithoutKeysContentsOrSecrets() throws Exception {
    Instant now = JobFixtures.serverNow(s3, BUCKET);
    s3.putObject(
        b -> b.bucket(BUCKET).key(PLANTED_KEY),
        software.amazon.awssdk.core.sync.RequestBody.fromString(PLANTED_CONTENT));
    JobFixtures.putAged(s3, BUCKET, "liveness/old-" + SUFFIX, now, Duration.ofHours(3));
    JobFixtures.putAged(s3, BUCKET, "id-ocr/old-" + SUFFIX, now, Duration.ofHours(3));

    var sweep =
        JobFixtures.run(
            JobFixtures.jobArgs(
                    "sweep",
                    namespace,
                    "verification-media",
                    "--credentials-dir",
                    mounted.toString())
                .toArray(String[]::new));
    assertThat(sweep.exitCode()).isZero();
    String runId = JobFixtures.record(client, namespace, "verification-media").runId();

    ReceiptKeys keys = new ReceiptKeys(client, logNamespace);
    ClusterReceiptLog log = new ClusterReceiptLog(client, logNamespace);
    List<Receipt> receipts =
        Eventually.await(
            "the run's receipts",
            TIMEOUT,
            () -> receiptsOf(log, keys, runId),
            list -> list.size() == 3);
    Receipt runReceipt =
        receipts.stream().filter(r -> Receipt.RUN.equals(r.kind())).findFirst().orElseThrow();
    assertThat(runReceipt.string("outcome")).isEqualTo("Succeeded");
    assertThat(runReceipt.string("mode")).isEqualTo("Enforce");
    assertThat(runReceipt.string("store.jurisdiction")).isEqualTo("SG");
    assertThat(runReceipt.string("store.type")).isEqualTo("ObjectStorage");
    Receipt liveness =
        receipts.stream()
            .filter(r -> "liveness-media".equals(r.string("rule.name")))
            .findFirst()
            .orElseThrow();
    assertThat(liveness.get("counts.deleted")).isEqualTo(1L);
    assertThat(liveness.string("rule.legalBasis")).isEqualTo("Contract");
    assertThat(liveness.string("rule.purpose")).contains("liveness");
    assertThat(liveness.string("cutoffs.delete")).isNotNull();
    assertThat(liveness.get("oldestObservedAgeSeconds")).isEqualTo(0L);

    // A killed run: its record stays Running past its deadline; the operator appends a receipt
    // saying it died.
    ConfigMap record =
        client
            .configMaps()
            .inNamespace(namespace)
            .withName(RunNames.record("verification-media"))
            .get();
    String killedRun = "killed-" + SUFFIX;
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var run =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(record.getData().get("run.json"));
    run.put("runId", killedRun)
        .put("outcome", "Running")
        .put("deadline", Instant.now().minusSeconds(60).toString());
    run.remove("completionTime");
    run.remove("exitCode");
    String died = json.writeValueAsString(run);
    record.getData().put("run.json", died);
    client.resource(record).update();
    List<Receipt> dead =
        Eventually.await(
            "the killed run's receipt",
            TIMEOUT,
            () -> receiptsOf(log, keys, killedRun),
            list -> !list.isEmpty());
    assertThat(dead)
        .singleElement()
        .satisfies(r -> assertThat(r.string("outcome")).isEqualTo("Died"));

    // The enforcement's write of the S3 lifecycle backstop on moto: one LifecycleWrite receipt per
    // owned rule.
    List<Receipt> writes =
        Eventually.await(
            "the lifecycle write receipts",
            TIMEOUT,
            () ->
                log.head() == null
                    ? List.<Receipt>of()
                    : new LogAudit(keys.published())
                        .audit(log.snapshot(List.of()), List.of()).receipts().stream()
                            .filter(
                                r ->
                                    Receipt.LIFECYCLE_WRITE.equals(r.kind())
                                        && motoNamespace.equals(r.string("store.namespace")))
                            .toList(),
            list -> list.size() >= 3);
    assertThat(writes)
        .extracting(r -> r.string("rule.name"))
        .contains("liveness-media", "id-document-media", "training-faces");
    assertThat(writes)
        .allSatisfy(
            r -> {
              assertThat(r.string("lifecycle.mechanism")).isEqualTo("LifecycleRule");
              assertThat(r.string("outcome")).isEqualTo("Applied");
              assertThat(r.string("lifecycle.ownedName"))
                  .startsWith("ekyc-operator:" + motoNamespace + "/verification-media/");
              assertThat(r.string("lifecycle.changeDigest")).startsWith("sha256:");
            });

    // The whole log verifies with its published key, and holds no key, content or secret.
    LogAudit.Result result =
        new LogAudit(keys.published()).audit(log.snapshot(List.of()), List.of());
    assertThat(result.findings()).noneMatch(Finding::failure);
    String everything = rawLog();
    assertThat(everything)
        .contains("liveness-media")
        .doesNotContain(PLANTED_KEY)
        .doesNotContain("PLANTED-KEY")
        .doesNotContain(PLANTED_CONTENT)
        .doesNotContain("old-" + SUFFIX)
        .doesNotContain(s3Keys.get("secretAccessKey"))
        .doesNotContain(s3Keys.get("accessKeyId"))
        .doesNotContain(BUCKET)
        .doesNotContain(MOTO_BUCKET);
  }

  private static List<Receipt> receiptsOf(ClusterReceiptLog log, ReceiptKeys keys, String runId) {
    if (log.head() == null) {
      return List.of();
    }
    return new LogAudit(keys.published())
        .audit(log.snapshot(List.of()), List.of()).receipts().stream()
            .filter(r -> runId.equals(r.string("job.runId")))
            .toList();
  }

  /** Every ConfigMap of the log namespace, bundles decompressed, as one text. */
  private static String rawLog() throws Exception {
    StringBuilder all = new StringBuilder();
    for (ConfigMap cm : client.configMaps().inNamespace(logNamespace).list().getItems()) {
      if (cm.getData() != null) {
        cm.getData().values().forEach(all::append);
      }
      if (cm.getBinaryData() != null) {
        for (var e : cm.getBinaryData().entrySet()) {
          byte[] bytes = Base64.getDecoder().decode(e.getValue());
          if (e.getKey().equals("entries")) {
            bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
          }
          all.append(new String(bytes, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return all.toString();
  }
}
