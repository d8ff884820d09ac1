package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DataStore controller, running in-process against the real API server, probing the real test
 * backends: each becomes Ready with its version; a wrong password, a missing Secret and a stopped
 * backend each give the right condition and recover once fixed.
 */
class DataStoreBackendsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String WRONG_PASSWORD = "wrong-password-for-it";

  private static KubernetesClient client;
  private static String namespace;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "stores");
    operator = InProcessOperator.start(client, namespace);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    TestNamespace.delete(client, namespace);
  }

  // ------------------------------------------------------------------ each backend becomes Ready

  @Test
  void mariadbBecomesReadyWithItsVersion() {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    createSecret("mariadb-ok", mariadbLogin(Backends.require("EKYC_IT_MARIADB_PASSWORD")));
    client
        .resource(
            StoreFixtures.mariadb(
                namespace,
                "mariadb-ok",
                "mariadb-ok",
                port,
                Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();

    DataStore ready = awaitReason("mariadb-ok", "Probed");
    assertThat(ready.getStatus().storeType).isEqualTo(StoreType.SQL);
    assertThat(ready.getStatus().backendVersion).startsWith("MariaDB ").contains("MariaDB");
    assertThat(ready.getStatus().observedGeneration).isEqualTo(ready.getMetadata().getGeneration());
    assertThat(ready.getStatus().lastProbeTime).isNotBlank();
  }

  @Test
  void elasticsearchBecomesReadyWithItsVersion() {
    URI url = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    client
        .resource(
            StoreFixtures.search(
                namespace, "es-ok", SearchEngine.Elasticsearch, url.toString(), null))
        .create();
    DataStore ready = awaitReason("es-ok", "Probed");
    assertThat(ready.getStatus().backendVersion)
        .isEqualTo("Elasticsearch " + Backends.require("EKYC_IT_ES_VERSION"));
  }

  @Test
  void openSearchBecomesReadyWithItsVersion() {
    URI url = Backends.requireReachableUrl("EKYC_IT_OS_URL");
    client
        .resource(
            StoreFixtures.search(namespace, "os-ok", SearchEngine.OpenSearch, url.toString(), null))
        .create();
    DataStore ready = awaitReason("os-ok", "Probed");
    assertThat(ready.getStatus().backendVersion)
        .isEqualTo("OpenSearch " + Backends.require("EKYC_IT_OS_VERSION"));
  }

  @Test
  void aSearchStoreNamingTheWrongEngineStalls() {
    URI url = Backends.requireReachableUrl("EKYC_IT_OS_URL");
    client
        .resource(
            StoreFixtures.search(
                namespace, "os-as-es", SearchEngine.Elasticsearch, url.toString(), null))
        .create();
    DataStore stalled = awaitReason("os-as-es", "EngineMismatch");
    assertThat(ready(stalled).getMessage()).contains("set engine: OpenSearch");
  }

  @Test
  void s3BucketBecomesReadyAndAMissingBucketIsNotFound() {
    URI url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String key = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secret = Backends.require("EKYC_IT_S3_SECRET_KEY");
    String bucket = "it-" + namespace;
    TestBuckets.create(url, region, key, secret, bucket);
    createSecret("s3-keys", Map.of("accessKeyId", key, "secretAccessKey", secret));

    client
        .resource(
            StoreFixtures.bucket(namespace, "s3-ok", url.toString(), region, bucket, "s3-keys"))
        .create();
    client
        .resource(
            StoreFixtures.bucket(
                namespace, "s3-missing", url.toString(), region, bucket + "-nope", "s3-keys"))
        .create();

    DataStore ready = awaitReason("s3-ok", "Probed");
    assertThat(ready.getStatus().storeType).isEqualTo(StoreType.ObjectStorage);
    assertThat(ready.getStatus().backendVersion).startsWith("S3 (");
    assertThat(ready(ready).getMessage())
        .as("the bucket's copies, read at every probe")
        .endsWith("; unversioned; Object Lock off; replication none");
    DataStore missing = awaitReason("s3-missing", "NotFound");
    assertThat(ready(missing).getMessage()).contains(bucket + "-nope");
  }

  // ------------------------------------------------------------- failures and their recovery

  @Test
  void aWrongPasswordIsAuthenticationFailedAndRecoversWhenTheSecretIsFixed() {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String password = Backends.require("EKYC_IT_MARIADB_PASSWORD");
    createSecret("mariadb-wrong", mariadbLogin(WRONG_PASSWORD));
    client
        .resource(
            StoreFixtures.mariadb(
                namespace,
                "mariadb-wrong",
                "mariadb-wrong",
                port,
                Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();

    DataStore failed = awaitReason("mariadb-wrong", "AuthenticationFailed");
    assertThat(Conditions.isTrue(failed.getStatus().conditions, "Stalled")).isTrue();
    assertThat(Serialization.asJson(failed.getStatus())).doesNotContain(WRONG_PASSWORD);

    // The Secret change alone must trigger a new probe (no spec change).
    client
        .resource(StoreFixtures.secret(namespace, "mariadb-wrong", mariadbLogin(password)))
        .update();
    awaitReason("mariadb-wrong", "Probed");

    List<Event> events =
        Eventually.await(
            "events for mariadb-wrong",
            TIMEOUT,
            () -> eventsOf("mariadb-wrong"),
            list -> list.stream().anyMatch(e -> "Probed".equals(e.getReason())));
    assertThat(events).extracting(Event::getReason).contains("AuthenticationFailed", "Probed");
    assertThat(events)
        .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD, password));
    assertThat(events)
        .filteredOn(e -> "AuthenticationFailed".equals(e.getReason()))
        .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }

  @Test
  void aWrongS3SecretKeyIsAuthenticationFailed() {
    // moto accepts any signature (checked: HeadBucket with a wrong secret key answers 200), so this
    // runs
    // against s3proxy, which verifies AWS v2/v4 signatures.
    URI url = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
    String key = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secret = Backends.require("EKYC_IT_S3_SECRET_KEY");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String bucket = "it-auth-" + namespace;
    TestBuckets.create(url, region, key, secret, bucket);
    createSecret("s3proxy-wrong", Map.of("accessKeyId", key, "secretAccessKey", WRONG_PASSWORD));
    client
        .resource(
            StoreFixtures.bucket(
                namespace, "s3proxy-wrong", url.toString(), region, bucket, "s3proxy-wrong"))
        .create();

    DataStore failed = awaitReason("s3proxy-wrong", "AuthenticationFailed");
    assertThat(Serialization.asJson(failed.getStatus())).doesNotContain(WRONG_PASSWORD);

    client
        .resource(
            StoreFixtures.secret(
                namespace, "s3proxy-wrong", Map.of("accessKeyId", key, "secretAccessKey", secret)))
        .update();
    awaitReason("s3proxy-wrong", "Probed");
  }

  @Test
  void aMissingSecretIsSecretNotFoundUntilTheSecretIsCreated() {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    client
        .resource(
            StoreFixtures.mariadb(
                namespace,
                "mariadb-nosecret",
                "created-later",
                port,
                Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();
    DataStore missing = awaitReason("mariadb-nosecret", "SecretNotFound");
    assertThat(ready(missing).getMessage()).contains("created-later");

    createSecret("created-later", Map.of("username", Backends.require("EKYC_IT_MARIADB_USER")));
    DataStore keyMissing = awaitReason("mariadb-nosecret", "SecretKeyMissing");
    assertThat(ready(keyMissing).getMessage()).contains("'password'", "passwordKey");

    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "created-later",
                mariadbLogin(Backends.require("EKYC_IT_MARIADB_PASSWORD"))))
        .update();
    awaitReason("mariadb-nosecret", "Probed");
  }

  @Test
  void aStoppedBackendIsUnreachableAndRecoversWhenTheSpecIsFixed() throws IOException {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort(); // free once closed: nothing listens there
    }
    createSecret("mariadb-down", mariadbLogin(Backends.require("EKYC_IT_MARIADB_PASSWORD")));
    client
        .resource(
            StoreFixtures.mariadb(
                namespace,
                "mariadb-down",
                "mariadb-down",
                closed,
                Backends.require("EKYC_IT_MARIADB_DATABASE")))
        .create();

    DataStore down = awaitReason("mariadb-down", "Unreachable");
    assertThat(Conditions.isTrue(down.getStatus().conditions, "Reconciling")).isTrue();
    assertThat(Conditions.isTrue(down.getStatus().conditions, "Stalled")).isFalse();
    assertThat(ready(down).getMessage()).contains(String.valueOf(closed));

    client
        .resources(DataStore.class)
        .inNamespace(namespace)
        .withName("mariadb-down")
        .edit(
            ds -> {
              ds.getSpec().sql.port = port;
              return ds;
            });
    DataStore up = awaitReason("mariadb-down", "Probed");
    assertThat(up.getStatus().observedGeneration).isEqualTo(2L);
  }

  @Test
  void aMissingDatabaseIsNotFound() {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    createSecret("mariadb-nodb", mariadbLogin(Backends.require("EKYC_IT_MARIADB_PASSWORD")));
    client
        .resource(
            StoreFixtures.mariadb(namespace, "mariadb-nodb", "mariadb-nodb", port, "no_such_db"))
        .create();
    DataStore missing = awaitReason("mariadb-nodb", "NotFound");
    assertThat(ready(missing).getMessage()).contains("no_such_db");
  }

  // -------------------------------------------------------------------------------- helpers

  private static Map<String, String> mariadbLogin(String password) {
    return Map.of("username", Backends.require("EKYC_IT_MARIADB_USER"), "password", password);
  }

  private static void createSecret(String name, Map<String, String> values) {
    client.resource(StoreFixtures.secret(namespace, name, values)).create();
  }

  private static DataStore awaitReason(String name, String reason) {
    long started = System.nanoTime();
    DataStore ds =
        Eventually.await(
            "DataStore " + name + " Ready reason " + reason,
            TIMEOUT,
            () -> client.resources(DataStore.class).inNamespace(namespace).withName(name).get(),
            d ->
                d.getStatus() != null
                    && Conditions.find(d.getStatus().conditions, "Ready")
                        .map(c -> reason.equals(c.getReason()))
                        .orElse(false));
    System.out.printf(
        "[it] %s reached %s in %d ms%n", name, reason, (System.nanoTime() - started) / 1_000_000);
    return ds;
  }

  private static Condition ready(DataStore ds) {
    return Conditions.find(ds.getStatus().conditions, "Ready").orElseThrow();
  }

  private static List<Event> eventsOf(String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }
}
