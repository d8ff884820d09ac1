package dev.ekyc.operator.it;

import static dev.ekyc.operator.it.JobFixtures.jobArgs;
import static dev.ekyc.operator.it.JobFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.RuleResult;
import dev.ekyc.operator.job.RunNames;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reference rule for training faces (consent tag {@code consent-model-training=granted} keeps
 * them 30 days) on moto, which has object tags but cannot backdate: the rule's retention is cut to
 * 1m and the test waits, by the server's Date header, until the objects are past it. A sweep killed
 * with SIGKILL while deleting, then rerun, ends as an uninterrupted sweep of a twin bucket, and
 * never deletes a consented or young object.
 */
class JobSweepKillIT {
  private static final String SUFFIX =
      Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
  private static final String KILLED = "it-kill-a-" + SUFFIX;
  private static final String WHOLE = "it-kill-b-" + SUFFIX;

  /**
   * Objects per bucket; every 5th consented. The first DeleteObjects (1000 keys) comes ~1250 tag
   * reads in.
   */
  private static final int OBJECTS = 2500;

  private static final Map<String, String> CONSENT = Map.of("consent-model-training", "granted");
  private static final Duration TIMEOUT = Duration.ofSeconds(180);

  private static KubernetesClient client;
  private static String namespace;
  private static S3Client s3;
  private static Path mounted;

  @BeforeAll
  static void setUp() throws Exception {
    URI moto = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-sweepkill");
    s3 = JobFixtures.s3(moto);
    Map<String, String> keys =
        Map.of(
            "accessKeyId",
            Backends.require("EKYC_IT_S3_ACCESS_KEY"),
            "secretAccessKey",
            Backends.require("EKYC_IT_S3_SECRET_KEY"));
    mounted =
        JobFixtures.mountedSecret(
            Files.createTempDirectory("it-sweepkill-secrets"), "cos-credentials", keys);
    client.resource(JobFixtures.referenceConsent(namespace)).create();
    for (String bucket : List.of(KILLED, WHOLE)) {
      s3.createBucket(b -> b.bucket(bucket));
      DataStore store =
          StoreFixtures.bucket(
              namespace,
              bucket,
              moto.toString(),
              Backends.require("EKYC_IT_S3_REGION"),
              bucket,
              "cos-credentials");
      store.getSpec().objectStorage.credentialsSecretRef.accessKeyIdKey = "accessKeyId";
      store.getSpec().objectStorage.credentialsSecretRef.secretAccessKeyKey = "secretAccessKey";
      JobFixtures.createReady(client, store);
      RetentionPolicy policy =
          JobFixtures.referencePolicy("retention-verification-media.yaml", namespace);
      policy.getMetadata().setName(bucket);
      policy.getSpec().storeRef.name = bucket;
      policy.getSpec().rules.removeIf(r -> !r.name.equals("training-faces"));
      policy.getSpec().rules.get(0).retention =
          "1m"; // moto cannot backdate: age is real, so keep it short
      client.resource(policy).create();
    }
  }

  @AfterAll
  static void tearDown() {
    if (s3 != null) {
      for (String bucket : List.of(KILLED, WHOLE)) {
        for (String key : JobFixtures.keys(s3, bucket)) {
          s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
        s3.deleteBucket(b -> b.bucket(bucket));
      }
      s3.close();
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void aSweepKilledWhileDeletingAndRerunEndsAsAnUninterruptedSweepKeepingConsentedAndYoungFaces()
      throws Exception {
    putAll(OBJECTS);
    Instant written = JobFixtures.serverNow(s3, KILLED);
    Eventually.await(
        "the server clock 1m5s past the last upload",
        TIMEOUT,
        () -> JobFixtures.serverNow(s3, KILLED),
        now -> now.isAfter(written.plusSeconds(65)));
    for (String bucket : List.of(KILLED, WHOLE)) {
      JobFixtures.put(s3, bucket, "training/faces/young-1.jpg", Map.of());
      JobFixtures.put(s3, bucket, "training/faces/young-2.jpg", CONSENT);
    }
    List<String> mustStay =
        IntStream.range(0, OBJECTS)
            .filter(i -> i % 5 == 0)
            .mapToObj(JobSweepKillIT::key)
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    mustStay.addAll(List.of("training/faces/young-1.jpg", "training/faces/young-2.jpg"));
    mustStay.sort(null);

    RunRecord killedRecord;
    try (ChildJob job =
        ChildJob.start(
            "sweep",
            Map.of(
                "POD_NAMESPACE",
                namespace,
                "EKYC_POLICY",
                KILLED,
                "HOSTNAME",
                KILLED + "-28911230-q9z8m",
                "EKYC_CREDENTIALS_DIR",
                mounted.toString()),
            "--lease-duration",
            "3s")) {
      int total = OBJECTS + 2;
      Eventually.await(
          "the sweep to be deleting",
          TIMEOUT,
          () -> JobFixtures.keys(s3, KILLED).size(),
          left -> left < total || !job.alive());
      assertThat(job.alive())
          .as("still running when killed (else raise OBJECTS); log:\n" + job.log())
          .isTrue();
      int status = job.killDashNine();
      System.out.println(
          "[it] sweep child killed with status " + status + "; its log:\n" + job.log());
      assertThat(job.log())
          .doesNotContain(Backends.require("EKYC_IT_S3_SECRET_KEY"))
          .doesNotContain("faces/0");
      killedRecord = JobFixtures.record(client, namespace, KILLED);
    }
    assertThat(killedRecord.outcome()).isEqualTo(RunOutcome.Running);
    assertThat(JobFixtures.keys(s3, KILLED))
        .as("killed half way")
        .hasSizeGreaterThan(mustStay.size())
        .containsAll(mustStay);

    Eventually.await(
        "the dead run's Lease to expire",
        TIMEOUT,
        () ->
            client
                .resources(Lease.class)
                .inNamespace(namespace)
                .withName(RunNames.lease(KILLED))
                .get(),
        lease -> lease.getSpec().getRenewTime().toInstant().plusSeconds(3).isBefore(Instant.now()));
    assertThat(
            run(jobArgs("sweep", namespace, KILLED, "--credentials-dir", mounted.toString())
                    .toArray(String[]::new))
                .exitCode())
        .isZero();
    assertThat(
            run(jobArgs("sweep", namespace, WHOLE, "--credentials-dir", mounted.toString())
                    .toArray(String[]::new))
                .exitCode())
        .isZero();

    assertThat(JobFixtures.keys(s3, KILLED))
        .as("killed and rerun = uninterrupted")
        .isEqualTo(JobFixtures.keys(s3, WHOLE))
        .isEqualTo(mustStay);
    RuleResult whole = JobFixtures.record(client, namespace, WHOLE).rules().get(0);
    assertThat(whole.deleted()).isEqualTo(OBJECTS - OBJECTS / 5);
    assertThat(whole.keptForConsent()).isEqualTo(OBJECTS / 5);
    assertThat(whole.tooYoung()).isEqualTo(2L);
  }

  private static String key(int i) {
    return String.format(Locale.ROOT, "training/faces/%05d.jpg", i);
  }

  private static void putAll(int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts = new java.util.ArrayList<>();
      for (String bucket : List.of(KILLED, WHOLE)) {
        for (int i = 0; i < count; i++) {
          int n = i;
          puts.add(
              pool.submit(
                  () -> JobFixtures.put(s3, bucket, key(n), n % 5 == 0 ? CONSENT : Map.of())));
        }
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
