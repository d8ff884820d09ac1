package dev.ekyc.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.manifest.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the invalid-manifest corpus holds one bad resource and says on its first line
 * ({@code # expect: <text>}) what the rejection must mention; plan must reject it with an error
 * containing that.
 */
class InvalidManifestCorpusTest {
  private static final Path CORPUS = Path.of("src", "test", "resources", "invalid-manifests");
  private static final String EXPECT = "# expect:";

  @Test
  void corpusIsNotEmpty() throws IOException {
    assertThat(corpusFiles())
        .as(
            "no files in %s: the corpus test would pass without checking anything",
            CORPUS.toAbsolutePath())
        .isNotEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusFileIsRejectedWithItsExpectedMessage() throws IOException {
    return corpusFiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String firstLine = Files.readAllLines(file).get(0);
                      assertThat(firstLine).as("first line of %s", file).startsWith(EXPECT);
                      String expected = firstLine.substring(EXPECT.length()).trim();

                      Planner.Outcome outcome = Planner.run(List.of(file), null);

                      List<String> errors =
                          outcome.findings().stream()
                              .filter(Finding::isError)
                              .map(Finding::describe)
                              .toList();
                      assertThat(errors).as("errors for %s", file).isNotEmpty();
                      assertThat(errors)
                          .as("errors for %s", file)
                          .anySatisfy(e -> assertThat(e).contains(expected));
                    }));
  }

  private static List<Path> corpusFiles() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
