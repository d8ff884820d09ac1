package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.cli.Main;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * {@code drift} against a real moto bucket, with the store's Secret in a real API server and no
 * operator running: not applied, in sync and drifted each print their line and exit code, from
 * files and from the cluster.
 */
class DriftCommandIT {
  private static KubernetesClient client;
  private static String namespace;
  private static S3Client s3;
  private static String bucket;
  private static String manifests;

  @BeforeAll
  static void setUp() {
    URI s3Url = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "drift-cli");
    client
        .resource(
            StoreFixtures.secret(
                namespace,
                "s3-credentials",
                Map.of("accessKeyId", accessKey, "secretAccessKey", secretKey)))
        .create();
    bucket =
        ("it-drift-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36))
            .toLowerCase(Locale.ROOT);
    s3 =
        S3Client.builder()
            .httpClient(UrlConnectionHttpClient.builder().build())
            .endpointOverride(s3Url)
            .region(Region.of(region))
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
            .build();
    s3.createBucket(b -> b.bucket(bucket));
    manifests =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata:
          name: media
          namespace: %s
        spec:
          jurisdiction: SG
          objectStorage:
            endpoint: %s
            region: %s
            bucket: %s
            pathStyle: true
            credentialsSecretRef:
              name: s3-credentials
        ---
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata:
          name: media
          namespace: %s
        spec:
          storeRef:
            name: media
          rules:
          - name: selfies
            dataCategory: biometric
            purpose: testing drift
            legalBasis: Contract
            objects:
              prefix: selfies/
            retention: 3d
        """
            .formatted(namespace, s3Url, region, bucket, namespace);
  }

  @AfterAll
  static void tearDown() {
    if (s3 != null) {
      s3.deleteBucketLifecycle(b -> b.bucket(bucket));
      s3.close();
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run drift(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "drift";
    all[1] = "--kubeconfig";
    all[2] = TestCluster.get().kubeconfig().toString();
    System.arraycopy(args, 0, all, 3, args.length);
    int code = cli.execute(all);
    System.out.printf("[it] drift %s -> %d%n%s%s", String.join(" ", args), code, out, err);
    return new Run(code, out.toString(), err.toString());
  }

  private static void putRule(int days) {
    String id = "ekyc-operator:" + namespace + "/media/media/selfies";
    s3.putBucketLifecycleConfiguration(
        b ->
            b.bucket(bucket)
                .lifecycleConfiguration(
                    c ->
                        c.rules(
                            LifecycleRule.builder()
                                .id("user-archive")
                                .status(ExpirationStatus.ENABLED)
                                .filter(f -> f.prefix("archive/"))
                                .expiration(e -> e.days(3650))
                                .build(),
                            // The operator's shape: every copy (noncurrent versions as many days
                            // after, unfinished uploads after 1).
                            LifecycleRule.builder()
                                .id(id)
                                .status(ExpirationStatus.ENABLED)
                                .filter(f -> f.prefix("selfies/"))
                                .expiration(e -> e.days(days))
                                .noncurrentVersionExpiration(n -> n.noncurrentDays(days))
                                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1))
                                .build())));
  }

  @Test
  void reportsNotAppliedInSyncAndDriftedWithExitCodes() throws Exception {
    Path file = Files.createTempFile("drift", ".yaml");
    Files.writeString(file, manifests);

    Run notApplied = drift("-f", file.toString());
    assertThat(notApplied.exitCode()).as(notApplied.err()).isEqualTo(3);
    assertThat(notApplied.out())
        .contains(
            "rule selfies: LifecycleRule ekyc-operator:"
                + namespace
                + "/media/media/selfies: not applied",
            "0 in sync, 0 drifted, 1 not applied");

    putRule(3);
    Run inSync = drift("-f", file.toString());
    assertThat(inSync.exitCode()).as(inSync.err()).isZero();
    assertThat(inSync.out())
        .contains("selfies: in sync", "1 in sync, 0 drifted, 0 not applied, 0 errors")
        .contains(
            "DataStore "
                + namespace
                + "/media: s3://"
                + bucket
                + ": unversioned; Object Lock off; replication none");
    // What the store holds beyond the mechanisms: for objects only the live worst case (no copy is
    // read).
    assertThat(inSync.out()).contains("rule selfies: copies: live ");

    putRule(9);
    Run drifted = drift("-f", file.toString());
    assertThat(drifted.exitCode()).isEqualTo(3);
    assertThat(drifted.out()).contains("drifted:", "9 days", "0 in sync, 1 drifted");
    assertThat(
            s3.getBucketLifecycleConfiguration(b -> b.bucket(bucket))
                .rules()
                .get(1)
                .expiration()
                .days())
        .as("drift writes nothing")
        .isEqualTo(9);

    // The same from the cluster: resources read with the kubeconfig, no files.
    client
        .load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8)))
        .createOrReplace();
    Run fromCluster = drift("-n", namespace);
    assertThat(fromCluster.exitCode()).isEqualTo(3);
    assertThat(fromCluster.out())
        .contains("RetentionPolicy " + namespace + "/media rule selfies", "drifted:");
  }
}
