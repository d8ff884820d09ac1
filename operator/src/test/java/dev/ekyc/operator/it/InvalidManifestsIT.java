package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every manifest in src/test/resources/invalid-manifests is rejected by the real API server
 * (OpenAPI schema and CEL rules, which no mock evaluates), with a message containing the text of
 * its first line, {@code # expect: <text>}. Manifests are sent as generic resources, so nothing is
 * lost or fixed on the way.
 */
class InvalidManifestsIT {
  private static final String EXPECT = "# expect:";
  private static final Path CORPUS =
      ProjectFiles.path("operator/src/test/resources/invalid-manifests");

  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void cluster() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "invalid");
  }

  @AfterAll
  static void cleanUp() {
    TestNamespace.delete(client, namespace);
  }

  static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theCorpusIsLargeEnoughAndEveryFileSaysWhatItExpects() throws IOException {
    List<Path> files = manifests();
    assertThat(files).as("invalid manifests in " + CORPUS).hasSizeGreaterThanOrEqualTo(20);
    for (Path file : files) {
      assertThat(Files.readAllLines(file).get(0))
          .as(file.getFileName() + " first line")
          .startsWith(EXPECT);
    }
  }

  @TestFactory
  Stream<DynamicTest> eachInvalidManifestIsRejectedWithItsMessage() throws IOException {
    return manifests().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String yaml = Files.readString(file);
                      String expected =
                          yaml.lines().findFirst().orElse("").substring(EXPECT.length()).trim();
                      assertThat(expected)
                          .as("expected text in " + file.getFileName())
                          .isNotEmpty();

                      GenericKubernetesResource resource =
                          Serialization.unmarshal(yaml, GenericKubernetesResource.class);
                      resource.getMetadata().setNamespace(namespace);
                      KubernetesClientException rejected =
                          catchThrowableOfType(
                              KubernetesClientException.class,
                              () ->
                                  client
                                      .genericKubernetesResources(
                                          resource.getApiVersion(), resource.getKind())
                                      .inNamespace(namespace)
                                      .resource(resource)
                                      .create());

                      assertThat(rejected)
                          .as(
                              file.getFileName()
                                  + " was accepted by the API server, but should be rejected")
                          .isNotNull();
                      assertThat(rejected.getCode())
                          .as(
                              "HTTP status for "
                                  + file.getFileName()
                                  + ": "
                                  + rejected.getMessage())
                          .isEqualTo(422);
                      assertThat(rejected.getMessage())
                          .as(file.getFileName() + " rejected, but for another reason")
                          .contains(expected);
                    }));
  }
}
