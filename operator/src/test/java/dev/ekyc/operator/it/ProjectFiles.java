package dev.ekyc.operator.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (crds/, examples/) from wherever the build runs the tests. */
public final class ProjectFiles {
  private ProjectFiles() {}

  public static Path path(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)
          && Files.exists(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("crds"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        relative
            + " not found above "
            + Path.of("").toAbsolutePath()
            + ": run the tests from the repository");
  }
}
