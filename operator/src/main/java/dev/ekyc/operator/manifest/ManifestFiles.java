package dev.ekyc.operator.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands the paths given with -f: files as they are, directories to their *.yaml and *.yml files,
 * recursively, and {@code -} for standard input (so {@code kustomize build | plan -f -} works).
 */
public final class ManifestFiles {
  /** The {@code -f -} of the command line: read the manifests from standard input. */
  public static final Path STANDARD_INPUT = Path.of("-");

  /** How standard input is named in findings. */
  public static final String STANDARD_INPUT_NAME = "<stdin>";

  private ManifestFiles() {}

  static boolean isStandardInput(Path path) {
    return STANDARD_INPUT.equals(path);
  }

  /**
   * The files to read, in the order given; each directory's files sorted by path, so output is
   * stable.
   */
  public static List<Path> expand(List<Path> paths) throws ManifestInputException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (isStandardInput(path)) {
        if (files.contains(STANDARD_INPUT)) {
          throw new ManifestInputException(
              "-f - (standard input) is given twice: standard input can be read once");
        }
        files.add(STANDARD_INPUT);
      } else if (Files.isDirectory(path)) {
        List<Path> found = yamlFilesUnder(path);
        if (found.isEmpty()) {
          throw new ManifestInputException("directory " + path + " holds no *.yaml or *.yml files");
        }
        files.addAll(found);
      } else if (Files.isRegularFile(path)) {
        if (!Files.isReadable(path)) {
          throw new ManifestInputException("cannot read " + path + ": permission denied");
        }
        files.add(path);
      } else {
        throw new ManifestInputException(path + ": no such file or directory");
      }
    }
    return files;
  }

  private static List<Path> yamlFilesUnder(Path dir) throws ManifestInputException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(ManifestFiles::isYaml).sorted().toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ManifestInputException("cannot list " + dir + ": " + e.getMessage());
    }
  }

  private static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }
}
