package dev.ekyc.operator.it;

import static dev.ekyc.operator.it.JobFixtures.jobArgs;
import static dev.ekyc.operator.it.JobFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.RunOutcome;
import dev.ekyc.operator.job.RunRecord;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The least RBAC a job needs, proven on the real API server (RBAC on): a ServiceAccount that may
 * only read the three ekyc.dev kinds in its namespace, get/create/update Leases and ConfigMaps
 * there, and nothing on Secrets. With the Secret mounted (--credentials-dir) the sweep runs
 * (falling back to judging conflicts within its namespace, since it may not list others); without
 * it, reading the Secret is refused with exit code 16.
 */
class JobRbacIT {
  private static final String SUFFIX =
      Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
  private static final String BUCKET = "it-jobs-rbac-" + SUFFIX;

  private static KubernetesClient client;
  private static String namespace;
  private static S3Client s3;
  private static Path mounted;
  private static Path jobKubeconfig;

  @BeforeAll
  static void setUp() throws Exception {
    URI s3proxy = Backends.requireReachableUrl("EKYC_IT_S3PROXY_URL");
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-jobrbac");
    s3 = JobFixtures.s3(s3proxy);
    s3.createBucket(b -> b.bucket(BUCKET));
    Map<String, String> keys =
        Map.of(
            "accessKeyId",
            Backends.require("EKYC_IT_S3_ACCESS_KEY"),
            "secretAccessKey",
            Backends.require("EKYC_IT_S3_SECRET_KEY"));
    client.resource(StoreFixtures.secret(namespace, "cos-credentials", keys)).create();
    mounted =
        JobFixtures.mountedSecret(
            Files.createTempDirectory("it-jobrbac-secrets"), "cos-credentials", keys);
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
    RetentionPolicy policy =
        JobFixtures.referencePolicy("retention-verification-media.yaml", namespace);
    policy.getSpec().rules.removeIf(r -> !r.name.equals("liveness-media"));
    client.resource(policy).create();
    jobKubeconfig = jobServiceAccount();
  }

  @AfterAll
  static void tearDown() {
    if (s3 != null) {
      for (String key : JobFixtures.keys(s3, BUCKET)) {
        s3.deleteObject(b -> b.bucket(BUCKET).key(key));
      }
      s3.deleteBucket(b -> b.bucket(BUCKET));
      s3.close();
    }
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void theJobRunsWithItsLeastRbacAndAMountedSecretAndIsRefusedTheSecretThroughTheApi() {
    Instant now = JobFixtures.serverNow(s3, BUCKET);
    JobFixtures.putAged(s3, BUCKET, "liveness/old", now, Duration.ofHours(3));
    JobFixtures.putAged(s3, BUCKET, "liveness/young", now, Duration.ofMinutes(30));

    List<String> mountedArgs =
        new java.util.ArrayList<>(
            jobArgs(
                "sweep", namespace, "verification-media", "--credentials-dir", mounted.toString()));
    mountedArgs.set(mountedArgs.indexOf("--kubeconfig") + 1, jobKubeconfig.toString());
    assertThat(run(mountedArgs.toArray(String[]::new)).exitCode()).isZero();
    assertThat(JobFixtures.keys(s3, BUCKET)).containsExactly("liveness/young");
    assertThat(JobFixtures.record(client, namespace, "verification-media").outcome())
        .isEqualTo(RunOutcome.Succeeded);

    List<String> apiArgs =
        new java.util.ArrayList<>(jobArgs("sweep", namespace, "verification-media"));
    apiArgs.set(apiArgs.indexOf("--kubeconfig") + 1, jobKubeconfig.toString());
    var refused = run(apiArgs.toArray(String[]::new));
    assertThat(refused.exitCode()).isEqualTo(ExitCode.CREDENTIALS_UNAVAILABLE.code());
    RunRecord record = JobFixtures.record(client, namespace, "verification-media");
    assertThat(record.outcome()).isEqualTo(RunOutcome.Refused);
    assertThat(record.message()).contains("cos-credentials", "--credentials-dir");
  }

  /** ServiceAccount ekyc-job with the job's Role, and a kubeconfig holding a token for it. */
  private static Path jobServiceAccount() throws Exception {
    client
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName("ekyc-job")
                .withNamespace(namespace)
                .endMetadata()
                .build())
        .create();
    client
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("ekyc-job")
                .withNamespace(namespace)
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("ekyc.dev")
                        .withResources("datastores", "retentionpolicies", "consentpolicies")
                        .withVerbs("get", "list")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("get", "create", "update")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("configmaps")
                        .withVerbs("get", "create", "update")
                        .build())
                .build())
        .create();
    client
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("ekyc-job")
                .withNamespace(namespace)
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("ekyc-job")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("ekyc-job")
                .withNamespace(namespace)
                .endSubject()
                .build())
        .create();
    String token =
        client
            .serviceAccounts()
            .inNamespace(namespace)
            .withName("ekyc-job")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    var config = client.getConfiguration();
    String ca =
        config.getCaCertData() != null
            ? config.getCaCertData()
            : Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    String kubeconfig =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster: {server: "%s", certificate-authority-data: "%s"}
        users:
        - name: ekyc-job
          user: {token: "%s"}
        contexts:
        - name: job
          context: {cluster: test, user: ekyc-job, namespace: "%s"}
        current-context: job
        """
            .formatted(config.getMasterUrl(), ca, token, namespace);
    Path file = Files.createTempFile("ekyc-job-kubeconfig", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, kubeconfig);
    return file;
  }
}
