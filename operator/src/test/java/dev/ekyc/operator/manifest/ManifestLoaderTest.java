package dev.ekyc.operator.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.policy.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
  private static final String STORE =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: DataStore
      metadata: {name: %s}
      spec:
        jurisdiction: SG
        objectStorage:
          endpoint: https://s3.eu-west-1.amazonaws.com
          region: eu-west-1
          bucket: media
          credentialsSecretRef: {name: s3-credentials}
      """;

  private static final String POLICY =
      """
      apiVersion: ekyc.dev/v1alpha1
      kind: RetentionPolicy
      metadata: {name: media, namespace: ekyc}
      spec:
        storeRef: {name: media}
        rules:
        - name: liveness
          dataCategory: biometric
          objects: {prefix: liveness/}
          retention: 2h
      """;

  @TempDir Path dir;

  @Test
  void readsDirectoriesRecursivelyInSortedOrderAndOnlyYamlFiles() throws Exception {
    write("b/store.yml", STORE.formatted("b-store"));
    write("a.yaml", STORE.formatted("a-store"));
    write("b/c/z.yaml", STORE.formatted("z-store"));
    write("notes.txt", "not a manifest");

    LoadedManifests loaded = load(null, dir);

    assertThat(loaded.findings()).isEmpty();
    assertThat(loaded.stores())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("a-store", "z-store", "b-store");
  }

  @Test
  void countsEmptyDocumentsButSkipsThem() throws Exception {
    Path file =
        write(
            "all.yaml",
            "# header only\n---\n"
                + STORE.formatted("one")
                + "---\n---\n# nothing\n---\n"
                + POLICY.replace("namespace: ekyc", "namespace: default"));

    LoadedManifests loaded = load(null, file);

    assertThat(loaded.findings()).isEmpty();
    assertThat(loaded.originOf(new ResourceRef("DataStore", "default", "one")))
        .isEqualTo(new DocumentOrigin(file.toString(), 1, 3));
    assertThat(loaded.originOf(new ResourceRef("RetentionPolicy", "default", "media")).document())
        .isEqualTo(4);
  }

  @Test
  void otherKindsAreIgnoredWithANote() throws Exception {
    Path file =
        write(
            "mixed.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s3-credentials}\n"
                + "stringData: {secretAccessKey: do-not-print-me}\n---\n"
                + STORE.formatted("media"));

    LoadedManifests loaded = load(null, file);

    assertThat(loaded.stores()).hasSize(1);
    assertThat(loaded.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.NOTE);
              assertThat(f.describe()).contains("(document 1) Secret/s3-credentials", "ignored");
              assertThat(f.describe()).doesNotContain("do-not-print-me");
            });
  }

  @Test
  void unknownKindOrVersionOfTheEkycGroupIsAnError() throws Exception {
    Path file =
        write(
            "bad.yaml",
            STORE.formatted("a").replace("kind: DataStore", "kind: Datastore")
                + "---\n"
                + STORE.formatted("b").replace("v1alpha1", "v1"));

    List<Finding> findings = load(null, file).findings();

    assertThat(findings).extracting(Finding::severity).containsOnly(Severity.ERROR);
    assertThat(findings)
        .extracting(Finding::describe)
        .containsExactly(
            "ERROR " + file + " (document 1) Datastore/a kind: ekyc.dev has no kind Datastore",
            "ERROR "
                + file
                + " (document 2) DataStore/default/b apiVersion: ekyc.dev/v1 is not a served version of"
                + " DataStore");
    assertThat(findings.get(0).fix()).startsWith("did you mean DataStore?");
  }

  @Test
  void ourKindUnderAnotherGroupIsIgnoredWithAWarning() throws Exception {
    Path file = write("typo.yaml", STORE.formatted("a").replace("ekyc.dev/", "ekyc.io/"));

    LoadedManifests loaded = load(null, file);

    assertThat(loaded.stores()).isEmpty();
    assertThat(loaded.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.fix()).isEqualTo("use apiVersion: ekyc.dev/v1alpha1");
            });
  }

  @Test
  void documentWithoutApiVersionOrKindIsAnError() throws Exception {
    Path file = write("x.yaml", "metadata: {name: x}\n---\n- a list\n");

    assertThat(load(null, file).findings())
        .extracting(Finding::describe)
        .containsExactly(
            "ERROR " + file + " (document 1) apiVersion: required field is missing",
            "ERROR " + file + " (document 2): the document is a list, not a resource");
  }

  @Test
  void validationFindingsNameFileDocumentResourceAndField() throws Exception {
    Path file =
        write("policy.yaml", STORE.formatted("media") + "---\n" + POLICY.replace("2h", "2 hours"));

    LoadedManifests loaded = load(null, file);

    assertThat(loaded.hasErrors()).isTrue();
    assertThat(loaded.retentionPolicies()).as("an invalid resource is not passed on").isEmpty();
    assertThat(loaded.findings())
        .singleElement()
        .extracting(Finding::describe)
        .asString()
        .startsWith(
            "ERROR "
                + file
                + " (document 2) RetentionPolicy/ekyc/media spec.rules[0].retention: invalid value"
                + " \"2 hours\"");
  }

  @Test
  void namespaceDefaultsToDefaultOrTheFlag() throws Exception {
    Path file = write("store.yaml", STORE.formatted("media"));

    assertThat(load(null, file).stores().get(0).getMetadata().getNamespace()).isEqualTo("default");
    assertThat(load("ekyc", file).stores().get(0).getMetadata().getNamespace()).isEqualTo("ekyc");
  }

  @Test
  void namespaceFlagThatContradictsTheManifestIsAnErrorAsInKubectl() throws Exception {
    Path file = write("policy.yaml", POLICY);

    LoadedManifests loaded = load("other", file);

    assertThat(loaded.retentionPolicies()).isEmpty();
    assertThat(loaded.findings())
        .singleElement()
        .extracting(Finding::field)
        .isEqualTo("metadata.namespace");
  }

  @Test
  void defaultsReachTheApiObjects() throws Exception {
    LoadedManifests loaded =
        load(null, write("both.yaml", STORE.formatted("media") + "---\n" + POLICY));

    assertThat(loaded.retentionPolicies().get(0).getSpec().mode).hasToString("Enforce");
    assertThat(loaded.stores().get(0).getSpec().objectStorage.pathStyle).isFalse();
  }

  @Test
  void sameResourceTwiceIsAnError() throws Exception {
    Path a = write("a.yaml", STORE.formatted("media"));
    Path b = write("b.yaml", STORE.formatted("media"));

    LoadedManifests loaded = load(null, a, b);

    assertThat(loaded.stores()).hasSize(1);
    assertThat(loaded.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .isEqualTo("defined twice: also in " + a + " (document 1)");
  }

  @Test
  void yamlSyntaxErrorGivesFileAndLine() throws Exception {
    Path file =
        write(
            "broken.yaml",
            STORE.formatted("fine")
                + "---\napiVersion: v1\nkind: ConfigMap\n"
                + "data: {a: [1, 2}\n");

    LoadedManifests loaded = load(null, file);

    assertThat(loaded.stores()).as("documents before the error are read").hasSize(1);
    assertThat(loaded.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.isError()).isTrue();
              assertThat(f.describe())
                  .startsWith("ERROR " + file + " (document 2): YAML syntax error at line 14,");
              assertThat(f.describe()).doesNotContain("\n").doesNotContain("Exception");
            });
  }

  @Test
  void syntaxErrorAtTheStartOfADocumentNamesThatDocument() throws Exception {
    Path file = write("broken.yaml", STORE.formatted("fine") + "---\n: no key\n  - [\n");

    assertThat(load(null, file).findings())
        .singleElement()
        .extracting(Finding::describe)
        .asString()
        .startsWith("ERROR " + file + " (document 2): YAML syntax error at line 12,");
  }

  @Test
  void duplicateKeysAreASyntaxError() throws Exception {
    Path file =
        write(
            "dup.yaml",
            STORE
                .formatted("a")
                .replace("jurisdiction: SG", "jurisdiction: SG\n  jurisdiction: HK"));

    assertThat(load(null, file).findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("line 6", "Duplicate field 'jurisdiction'");
  }

  @Test
  void missingPathOrEmptyDirectoryIsAnInputError() throws Exception {
    assertThatThrownBy(() -> load(null, dir.resolve("nothing.yaml")))
        .isInstanceOf(ManifestInputException.class)
        .hasMessageContaining("nothing.yaml: no such file or directory");
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> load(null, dir.resolve("empty")))
        .isInstanceOf(ManifestInputException.class)
        .hasMessageContaining("holds no *.yaml or *.yml files");
  }

  private LoadedManifests load(String namespace, Path... paths) throws ManifestInputException {
    return new ManifestLoader(namespace).load(List.of(paths));
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
