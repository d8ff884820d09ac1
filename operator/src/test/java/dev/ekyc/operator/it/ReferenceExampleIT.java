package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.reconcile.status.Conditions;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference example (examples/reference), applied with kubectl as a user would, with its three
 * stores pointed at the local test servers: every store becomes Ready and every policy shows its
 * plan.
 */
class ReferenceExampleIT {
  /**
   * The example's own namespace: its manifests name it, and kubectl refuses to move them elsewhere.
   */
  private static final String NAMESPACE = "ekyc";

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private static KubernetesClient client;
  private static Kubectl kubectl;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    client = TestCluster.get().client();
    kubectl = new Kubectl(TestCluster.get().kubeconfig());
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    operator = InProcessOperator.start(client, NAMESPACE);
  }

  @AfterAll
  static void stop() {
    if (operator != null) operator.close();
    if (client != null) TestNamespace.delete(client, NAMESPACE);
  }

  @Test
  void theReferenceExampleYieldsReadyStoresAndPlannedPolicies() throws IOException {
    URI s3 = Backends.requireReachableUrl("EKYC_IT_S3_URL");
    URI es = Backends.requireReachableUrl("EKYC_IT_ES_URL");
    int mariadbPort = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    String region = Backends.require("EKYC_IT_S3_REGION");
    String accessKey = Backends.require("EKYC_IT_S3_ACCESS_KEY");
    String secretKey = Backends.require("EKYC_IT_S3_SECRET_KEY");

    // The Secrets, created as examples/reference/datastores.yaml tells the user to.
    kubectl.run(
        "-n",
        NAMESPACE,
        "create",
        "secret",
        "generic",
        "cos-credentials",
        "--from-literal=accessKeyId=" + accessKey,
        "--from-literal=secretAccessKey=" + secretKey);
    // The test Elasticsearch runs without security; the operator still sends these credentials.
    kubectl.run(
        "-n",
        NAMESPACE,
        "create",
        "secret",
        "generic",
        "es-credentials",
        "--from-literal=username=elastic",
        "--from-literal=password=unused-security-disabled");
    kubectl.run(
        "-n",
        NAMESPACE,
        "create",
        "secret",
        "generic",
        "mysql-credentials",
        "--from-literal=username=" + Backends.require("EKYC_IT_MARIADB_USER"),
        "--from-literal=password=" + Backends.require("EKYC_IT_MARIADB_PASSWORD"));

    Path reference = ProjectFiles.path("examples/reference");
    List<DataStore> stores =
        ReferenceDataStores.repointed(
            reference.resolve("datastores.yaml"), s3, region, es, mariadbPort);
    for (DataStore store : stores) {
      if (store.getSpec().objectStorage != null) {
        TestBuckets.create(s3, region, accessKey, secretKey, store.getSpec().objectStorage.bucket);
      }
    }
    Path repointedFile = Files.createTempFile("reference-datastores", ".yaml");
    Files.writeString(
        repointedFile, String.join("---\n", stores.stream().map(Serialization::asYaml).toList()));
    ReferenceBackends backends = new ReferenceBackends(s3, region, accessKey, secretKey, es);
    String bucket =
        stores.stream()
            .filter(d -> d.getSpec().objectStorage != null)
            .findFirst()
            .orElseThrow()
            .getSpec()
            .objectStorage
            .bucket;
    // The backends as the user has them before the operator runs: one rule of their own in the
    // bucket.
    backends.resetBefore(bucket, NAMESPACE);
    var bucketBefore = backends.rules(bucket);

    long started = System.nanoTime();
    System.out.println(kubectl.run("apply", "-f", repointedFile.toString()));
    try (Stream<Path> files = Files.list(reference)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("datastores.yaml"))
              .sorted()
              .toList()) {
        System.out.println(kubectl.run("apply", "-f", file.toString()));
      }
    }

    for (DataStore store : stores) {
      String name = store.getMetadata().getName();
      DataStore ready =
          Eventually.await(
              "DataStore " + name + " Ready",
              TIMEOUT,
              () -> client.resources(DataStore.class).inNamespace(NAMESPACE).withName(name).get(),
              d -> d.getStatus() != null && Conditions.isTrue(d.getStatus().conditions, "Ready"));
      assertThat(ready.getStatus().backendVersion).as(name + " backendVersion").isNotBlank();
    }
    List<RetentionPolicy> policies =
        client.resources(RetentionPolicy.class).inNamespace(NAMESPACE).list().getItems();
    assertThat(policies)
        .as("RetentionPolicies in examples/reference")
        .hasSizeGreaterThanOrEqualTo(4);
    for (RetentionPolicy policy : policies) {
      String name = policy.getMetadata().getName();
      RetentionPolicy planned =
          Eventually.await(
              "RetentionPolicy " + name + " Ready with its plan",
              TIMEOUT,
              () ->
                  client
                      .resources(RetentionPolicy.class)
                      .inNamespace(NAMESPACE)
                      .withName(name)
                      .get(),
              p -> p.getStatus() != null && Conditions.isTrue(p.getStatus().conditions, "Ready"));
      assertThat(planned.getStatus().ruleCount).isEqualTo(planned.getSpec().rules.size());
      assertThat(planned.getStatus().rules)
          .as(name + " rules in status")
          .hasSize(planned.getSpec().rules.size());
      assertThat(planned.getStatus().worstCaseAge).as(name + " worstCaseAge").isNotBlank();
      assertThat(planned.getStatus().rules)
          .allSatisfy(
              rule -> {
                assertThat(rule.mechanisms).as(name + "/" + rule.name + " mechanisms").isNotEmpty();
                assertThat(rule.worstCaseAge)
                    .as(name + "/" + rule.name + " worstCaseAge")
                    .isNotBlank();
              });
    }
    // The figures policy-facts.md promises, as the operator writes them into status.
    java.util.Map<String, String> worstCase = new java.util.TreeMap<>();
    for (RetentionPolicy p :
        client.resources(RetentionPolicy.class).inNamespace(NAMESPACE).list().getItems()) {
      worstCase.put(p.getMetadata().getName(), p.getStatus().worstCaseAge);
    }
    assertThat(worstCase)
        .containsEntry("verification-media", "2h")
        .containsEntry("identification-data", "30d15m")
        .containsEntry("service-records", "730d1h")
        .containsEntry("operation-logs", "731d10m");
    // The seed's promises: media and sensitive columns gone within 2h, withdrawal erasure within
    // its deadline.
    var media =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(NAMESPACE)
            .withName("verification-media")
            .get()
            .getStatus();
    assertThat(media.deleteWithin).as("verification-media promise").isEqualTo("2h");
    assertThat(media.rules)
        .allSatisfy(
            rule -> {
              assertThat(rule.deleteWithin).as(rule.name + " deleteWithin").isEqualTo("2h");
              assertThat(rule.worstCaseAge)
                  .as(rule.name + " worst case within the promise")
                  .isEqualTo("2h");
            });
    var training =
        media.rules.stream().filter(r -> r.name.equals("training-faces")).findFirst().orElseThrow();
    assertThat(training.erasureAfterWithdrawal).isEqualTo("3d");
    assertThat(training.withdrawalWorstCaseAge).isEqualTo("15m");
    var identification =
        client
            .resources(RetentionPolicy.class)
            .inNamespace(NAMESPACE)
            .withName("identification-data")
            .get()
            .getStatus()
            .rules
            .get(0);
    assertThat(identification.sensitiveWorstCaseAge)
        .as("face_image_ref and id_number without consent")
        .isEqualTo("2h");
    assertThat(identification.sensitiveDeleteWithin).as("their promise").isEqualTo("2h");
    assertThat(identification.erasureAfterWithdrawal).isEqualTo("3d");
    assertThat(identification.withdrawalWorstCaseAge).isEqualTo("15m");
    System.out.printf(
        "[it] reference example: all stores Ready and policies planned %d ms after kubectl apply%n",
        (System.nanoTime() - started) / 1_000_000);

    ConsentPolicy consent =
        Eventually.await(
            "ConsentPolicy model-training usedBy",
            TIMEOUT,
            () ->
                client
                    .resources(ConsentPolicy.class)
                    .inNamespace(NAMESPACE)
                    .withName("model-training")
                    .get(),
            c -> c.getStatus() != null && c.getStatus().usedBy.size() >= 2);
    assertThat(consent.getStatus().usedBy).contains("verification-media", "identification-data");

    // What `kubectl get` shows a user.
    String table =
        kubectl.run("-n", NAMESPACE, "get", "datastores,retentionpolicies,consentpolicies");
    System.out.println(table);
    assertThat(table)
        .contains("verification-media", "identification-data", "operation-logs", "model-training");
    assertThat(table)
        .containsPattern("WORST-CASE +PROMISE")
        .containsPattern(
            "retentionpolicy.ekyc.dev/verification-media +verification-media +3 +Enforce +2h +2h ");
    String planYaml =
        kubectl.run(
            "-n",
            NAMESPACE,
            "get",
            "retentionpolicy",
            "verification-media",
            "-o",
            "jsonpath={.status.rules[*].mechanisms}");
    System.out.println(planYaml);
    assertThat(planYaml).isNotBlank();

    // Enforced: within one drift interval the backends hold exactly what `plan -o json` shows.
    Path planDir = Files.createTempDirectory("reference-plan");
    try (Stream<Path> files = Files.list(reference)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        Files.copy(
            file.getFileName().toString().equals("datastores.yaml") ? repointedFile : file,
            planDir.resolve(file.getFileName().toString()));
      }
    }
    var out = new java.io.StringWriter();
    var cli = dev.ekyc.operator.cli.Main.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    assertThat(cli.execute("plan", "-f", planDir.toString(), "-o", "json"))
        .as("plan exit code")
        .isZero();
    var requests = ReferenceBackends.backendRequests(out.toString());
    assertThat(requests).as("reference plan has lifecycle rules and an ILM policy").isNotEmpty();
    Eventually.await(
        "every planned backend request applied, and every policy Compliant",
        TIMEOUT,
        () -> backends.unmet(requests, bucket),
        List::isEmpty);
    for (RetentionPolicy p :
        client.resources(RetentionPolicy.class).inNamespace(NAMESPACE).list().getItems()) {
      String name = p.getMetadata().getName();
      Eventually.await(
          name + " checked: Drifted False",
          TIMEOUT,
          () -> client.resources(RetentionPolicy.class).inNamespace(NAMESPACE).withName(name).get(),
          r ->
              Conditions.find(r.getStatus().conditions, "Drifted")
                  .filter(c -> "False".equals(c.getStatus()))
                  .isPresent());
    }
    String enforced = kubectl.run("-n", NAMESPACE, "get", "retentionpolicies");
    System.out.println(enforced);
    assertThat(enforced.lines().skip(1))
        .allSatisfy(line -> assertThat(line).containsPattern("False +True( |$)"));

    // Deleting the policies leaves the backends as they were before.
    kubectl.run(
        "-n", NAMESPACE, "delete", "retentionpolicies", "--all", "--wait=true", "--timeout=60s");
    assertThat(backends.rules(bucket)).as("bucket lifecycle as before").isEqualTo(bucketBefore);
    assertThat(backends.ownedSearchNames(NAMESPACE))
        .as("no ILM policy or template of the operator left")
        .isEmpty();
  }
}
