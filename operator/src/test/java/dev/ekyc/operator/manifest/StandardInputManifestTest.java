package dev.ekyc.operator.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code plan -f -}: the manifests piped in, as from {@code kustomize build}. */
class StandardInputManifestTest {
  private static final Path REFERENCE = Path.of("..", "examples", "reference");

  private static ManifestLoader loaderReading(byte[] bytes) {
    return new ManifestLoader(null, new ByteArrayInputStream(bytes));
  }

  @Test
  void theReferenceExamplePipedInLoadsLikeItsDirectory()
      throws IOException, ManifestInputException {
    StringBuilder piped = new StringBuilder();
    try (Stream<Path> files = Files.list(REFERENCE)) {
      for (Path file : files.sorted().toList()) {
        piped.append(Files.readString(file)).append("\n---\n");
      }
    }
    LoadedManifests fromStdin =
        loaderReading(piped.toString().getBytes(StandardCharsets.UTF_8))
            .load(List.of(ManifestFiles.STANDARD_INPUT));
    LoadedManifests fromDirectory = new ManifestLoader(null).load(List.of(REFERENCE));
    assertThat(fromStdin.hasErrors()).isFalse();
    assertThat(fromStdin.inputs().stores().stream().map(s -> s.getMetadata().getName()))
        .containsExactlyInAnyOrderElementsOf(
            fromDirectory.inputs().stores().stream().map(s -> s.getMetadata().getName()).toList())
        .isNotEmpty();
    assertThat(fromStdin.inputs().retentionPolicies().size())
        .isEqualTo(fromDirectory.inputs().retentionPolicies().size())
        .isPositive();
  }

  @Test
  void aBrokenDocumentOnStandardInputIsNamedByItsPosition() throws ManifestInputException {
    LoadedManifests loaded =
        loaderReading("kind: DataStore\n---\nkind: [unclosed\n".getBytes(StandardCharsets.UTF_8))
            .load(List.of(ManifestFiles.STANDARD_INPUT));
    assertThat(loaded.findings())
        .anySatisfy(f -> assertThat(f.describe()).contains("<stdin> (document 2)"));
  }

  @Test
  void bytesThatAreNotUtf8AreAnErrorNotReplacedCharacters() throws ManifestInputException {
    LoadedManifests loaded =
        loaderReading(new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'})
            .load(List.of(ManifestFiles.STANDARD_INPUT));
    assertThat(loaded.findings())
        .anySatisfy(f -> assertThat(f.describe()).contains("standard input is not UTF-8 text"));
  }

  @Test
  void aFileThatIsNotUtf8IsNamedWithTheFix(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException, ManifestInputException {
    Path file = dir.resolve("latin1.yaml");
    Files.write(file, new byte[] {'k', 'i', 'n', 'd', ':', ' ', (byte) 0xe9, '\n'});
    LoadedManifests loaded = new ManifestLoader(null).load(List.of(file));
    assertThat(loaded.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.describe()).contains("the file is not UTF-8 text");
              assertThat(f.fix()).isEqualTo("save it as UTF-8");
            });
  }

  @Test
  void standardInputCanBeGivenOnce() {
    assertThatThrownBy(
            () ->
                loaderReading(new byte[0])
                    .load(List.of(ManifestFiles.STANDARD_INPUT, ManifestFiles.STANDARD_INPUT)))
        .isInstanceOf(ManifestInputException.class)
        .hasMessageContaining("standard input can be read once");
  }
}
