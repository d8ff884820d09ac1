package dev.ekyc.operator.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Secrets as the kubelet mounts them: {@code <dir>/<secret name>/<key>}, one file per key (the
 * CronJob mounts each Secret the DataStore names as a volume at {@code <dir>/<secret name>}). Files
 * whose name starts with a dot are the kubelet's own bookkeeping ({@code ..data}, {@code
 * ..2024_...}) and are skipped. Values are read at the start of every run, so a rotated Secret is
 * used by the next run.
 */
public final class SecretsDirectory {
  private final Path root;

  public SecretsDirectory(Path root) {
    this.root = root;
  }

  /** The Secret mounted as {@code <root>/<name>}, or empty when that directory does not exist. */
  public Optional<Secret> secret(String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.startsWith(".")) {
      return Optional.empty();
    }
    Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    Map<String, String> values = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        if (Files.isRegularFile(file)) { // follows the kubelet's symlinks
          values.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the mounted Secret " + name + " under " + root, e);
    }
    return Optional.of(
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withStringData(values)
            .build());
  }
}
