package dev.ekyc.operator.cli;

import dev.ekyc.operator.manifest.Finding;
import dev.ekyc.operator.manifest.LoadedManifests;
import dev.ekyc.operator.manifest.ManifestInputException;
import dev.ekyc.operator.manifest.ManifestLoader;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline behind plan, without the printing: read and validate the manifests; when they are
 * valid, compile them with the policy core and place its problems in the files they concern.
 */
final class Planner {
  private Planner() {}

  /**
   * {@code plan} is null when the manifests had errors: the API server would not have stored them.
   */
  record Outcome(LoadedManifests manifests, EnforcementPlan plan, List<Finding> findings) {
    boolean failed() {
      return findings.stream().anyMatch(Finding::isError);
    }
  }

  static Outcome run(List<Path> files, String namespace) throws ManifestInputException {
    LoadedManifests manifests = new ManifestLoader(namespace).load(files);
    List<Finding> findings = new ArrayList<>(manifests.findings());
    if (manifests.hasErrors()) {
      return new Outcome(manifests, null, findings);
    }
    EnforcementPlan plan = new PolicyCompiler().compile(manifests.inputs());
    plan.problems().forEach(problem -> findings.add(manifests.locate(problem)));
    return new Outcome(manifests, plan, findings);
  }
}
