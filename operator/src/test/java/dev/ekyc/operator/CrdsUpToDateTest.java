package dev.ekyc.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed CRDs (crds/ and the Helm chart's copy) must be exactly what the build generates
 * from the API classes, or users install a schema that validates something else than the code
 * expects.
 */
class CrdsUpToDateTest {
  private static final String FIX = "run scripts/update-crds.sh and commit the result";
  private static final String GENERATED_SUFFIX = "-v1.yml";
  private static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(DataStore.class, RetentionPolicy.class, ConsentPolicy.class);

  /** CRD name (e.g. datastores.ekyc.dev) to the YAML the build generated for it. */
  private static Map<String, String> generated;

  private static Path repoRoot;

  @BeforeAll
  static void readGeneratedCrds() throws IOException, URISyntaxException {
    generated = generatedCrds();
    repoRoot = findRepoRoot();
  }

  @Test
  void everyKindHasAGeneratedCrd() {
    for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
      assertThat(generated)
          .as(
              "the build generated no CRD for %s; is the crd-generator plugin still bound to the build?",
              kind.getSimpleName())
          .containsKey(CustomResource.getCRDName(kind));
    }
  }

  @Test
  void crdsDirectoryMatchesTheBuild() throws IOException {
    assertDirectoryMatches(repoRoot.resolve("crds"));
  }

  @Test
  void helmChartCrdsMatchTheBuild() throws IOException {
    Path chartCrds = repoRoot.resolve("helm/ekyc-operator/crds");
    assertThat(chartCrds).as("the Helm chart ships the CRDs in %s", chartCrds).isDirectory();
    assertDirectoryMatches(chartCrds);
  }

  private static void assertDirectoryMatches(Path dir) throws IOException {
    Map<String, String> committed = committedCrds(dir);
    assertThat(committed.keySet())
        .as("%s lacks CRDs the build generates: %s", dir, FIX)
        .containsAll(generated.keySet());
    assertThat(committed.keySet())
        .as(
            "%s holds files the build does not generate (a renamed or removed kind?): delete them, then %s",
            dir, FIX)
        .isSubsetOf(generated.keySet());
    for (var entry : generated.entrySet()) {
      String name = entry.getKey();
      String actual = committed.get(name);
      if (!normalise(actual).equals(normalise(entry.getValue()))) {
        fail(
            "%s/%s.yaml differs from the CRD generated from the API classes (%s): %s",
            dir, name, firstDifference(actual, entry.getValue()), FIX);
      }
    }
  }

  /** The generated CRDs sit next to each other in META-INF/fabric8 of the module's classes. */
  private static Map<String, String> generatedCrds() throws IOException, URISyntaxException {
    String anyCrd =
        "META-INF/fabric8/" + CustomResource.getCRDName(DataStore.class) + GENERATED_SUFFIX;
    URL url = CrdsUpToDateTest.class.getClassLoader().getResource(anyCrd);
    assertThat(url)
        .as("%s is not on the test classpath: the build did not generate CRDs", anyCrd)
        .isNotNull();
    assertThat(url.getProtocol())
        .as("generated CRDs are read from the module's class directory")
        .isEqualTo("file");
    Path dir = Path.of(url.toURI()).getParent();
    Map<String, String> crds = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith(GENERATED_SUFFIX)).toList()) {
        String fileName = file.getFileName().toString();
        crds.put(fileName.substring(0, fileName.length() - GENERATED_SUFFIX.length()), read(file));
      }
    }
    return crds;
  }

  private static Map<String, String> committedCrds(Path dir) throws IOException {
    Map<String, String> crds = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String fileName = file.getFileName().toString();
        String name =
            fileName.endsWith(".yaml")
                ? fileName.substring(0, fileName.length() - ".yaml".length())
                : fileName;
        crds.put(name, read(file));
      }
    }
    return crds;
  }

  /**
   * Surefire runs in the module directory; the repository root is the nearest ancestor holding
   * crds/.
   */
  private static Path findRepoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("crds")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    return fail("no directory with crds/ and pom.xml above %s", start);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Line endings may change on checkout (git autocrlf); nothing else may. */
  private static String normalise(String yaml) {
    return yaml.replace("\r\n", "\n");
  }

  private static String firstDifference(String committed, String generated) {
    String[] a = normalise(committed).split("\n", -1);
    String[] b = normalise(generated).split("\n", -1);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (!a[i].equals(b[i])) {
        return "line "
            + (i + 1)
            + ": committed ["
            + a[i].strip()
            + "], generated ["
            + b[i].strip()
            + "]";
      }
    }
    return "committed has " + a.length + " lines, generated " + b.length;
  }
}
