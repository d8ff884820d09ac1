package dev.ekyc.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.it.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/gitops built with the real kustomize (kubectl's, built by testenv): each entry point
 * builds, and examples/reference builds as Flux and Argo CD build a plain directory (every
 * manifest, into namespace ekyc). Argo CD, Flux and their CRDs are not installed here: the
 * Application and the Flux objects are not applied.
 */
class GitOpsExamplesTest {
  @TempDir Path dir;

  @Test
  void theEntryPointsBuild() {
    String flux = kustomize(ProjectFiles.path("examples/gitops/flux"));
    assertThat(flux)
        .contains(
            "kind: GitRepository",
            "kind: Kustomization",
            "path: ./examples/reference",
            "healthCheckExprs:");
    String argo = kustomize(ProjectFiles.path("examples/gitops/argocd"));
    assertThat(argo).contains("kind: Application", "path: examples/reference");
  }

  @Test
  void theReferenceExampleBuildsAsAPlainDirectory() throws Exception {
    StringBuilder kustomization =
        new StringBuilder(
            """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: ekyc
        resources:
        """);
    try (Stream<Path> files = Files.list(ProjectFiles.path("examples/reference"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
        kustomization.append("  - ").append(file.getFileName()).append('\n');
      }
    }
    Files.writeString(dir.resolve("kustomization.yaml"), kustomization);
    String built = kustomize(dir);
    assertThat(built).contains("kind: DataStore", "kind: RetentionPolicy", "kind: ConsentPolicy");
    assertThat(built.split("\n---\n")).hasSizeGreaterThanOrEqualTo(8);
  }

  private static String kustomize(Path dir) {
    return Tools.run(
        List.of(MonitoringTools.kubectl().toString(), "kustomize", dir.toString()), dir);
  }
}
