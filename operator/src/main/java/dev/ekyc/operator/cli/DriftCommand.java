package dev.ekyc.operator.cli;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.enforce.EnforcementException;
import dev.ekyc.operator.enforce.Enforcer;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.enforce.PreviousChecks;
import dev.ekyc.operator.enforce.StoreAccess;
import dev.ekyc.operator.manifest.Finding;
import dev.ekyc.operator.manifest.ManifestInputException;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.StorePlan;
import dev.ekyc.operator.credentials.StoreSecrets;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drift}: compares the backends with the plan, read-only, for scripts and GitOps checks. Resources come
 * from manifest files ({@code -f}) or from the cluster; credentials always come from the stores' Secrets in the
 * cluster (manifests never hold them).
 */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Compare each rule's S3 lifecycle rules and ILM/ISM policies on the backends with the plan and print, per"
          + " rule: in sync, drifted (with the difference) or not applied. Writes nothing.",
      "Policies and stores come from -f files, or from the cluster; the stores' Secrets are always read from the"
          + " cluster (--kubeconfig, else KUBECONFIG or ~/.kube/config).",
      "Exit status: 0 everything in sync, 1 error (manifests, cluster or backend), 2 usage error, 3 drifted or"
          + " not applied."
    })
public final class DriftCommand implements Callable<Integer> {
  static final int DRIFT = 3;

  @Spec CommandSpec spec;

  @Option(names = {"-f", "--filename"}, paramLabel = "FILE|DIR",
      description = "Manifest file or directory (read like plan -f). Without it, the resources are read from the"
          + " cluster.")
  List<Path> files = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace: of resources that name none (-f), or to read from the cluster. Default: default.")
  String namespace;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig of the cluster to read from.")
  Path kubeconfig;

  @Override
  public Integer call() {
    LogLevels.forReportingCommand(ErrorReporting.debugRequested(spec.commandLine().getParseResult()));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String ns = namespace == null || namespace.isBlank() ? "default" : namespace;
    try (KubernetesClient client = client()) {
      PolicyInputs inputs;
      EnforcementPlan plan;
      if (files.isEmpty()) {
        inputs = fromCluster(client, ns);
        plan = new PolicyCompiler().compile(inputs);
      } else {
        Planner.Outcome outcome = Planner.run(files, namespace);
        if (outcome.failed()) {
          outcome.findings().stream().filter(Finding::isError).forEach(f -> err.println("ERROR " + f.describe()));
          return 1;
        }
        inputs = outcome.manifests().inputs();
        plan = outcome.plan();
      }
      int result = report(client, inputs, plan, out, err);
      out.flush();
      err.flush();
      return result;
    } catch (ManifestInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (KubernetesClientException e) {
      err.println("error: cannot read from the cluster: " + e.getMessage());
      return 1;
    }
  }

  private int report(KubernetesClient client, PolicyInputs inputs, EnforcementPlan plan, PrintWriter out,
      PrintWriter err) {
    Enforcer enforcer = new Enforcer(Duration.ofSeconds(5), Duration.ofSeconds(30));
    int inSync = 0;
    int drifted = 0;
    int notApplied = 0;
    int errors = 0;
    for (StorePlan storePlan : plan.stores()) {
      if (storePlan.type() == StoreType.SQL || storePlan.policies().isEmpty()) {
        continue;
      }
      DataStore store = inputs.stores().stream()
          .filter(s -> s.getMetadata().getName().equals(storePlan.store().name())
              && s.getMetadata().getNamespace().equals(storePlan.store().namespace()))
          .findFirst().orElseThrow();
      for (PolicyPlan policy : storePlan.policies()) {
        String label = "RetentionPolicy " + policy.policy().namespace() + "/" + policy.policy().name();
        if (!policy.enforceable()) {
          out.println(label + ": not enforced (the policy has errors; see plan)");
          notApplied++;
          continue;
        }
        List<MechanismCheck> checks;
        try {
          StoreAccess access = new StoreAccess(store, storePlan, credentials(client, store), true);
          checks = enforcer.enforce(access, policy.policy().name(), false, PreviousChecks.none())
              .of(policy.policy().name());
        } catch (EnforcementException e) {
          err.println("ERROR " + label + ": " + e.getMessage());
          errors++;
          continue;
        }
        for (MechanismCheck check : checks) {
          String line = label + " rule " + check.rule() + ": " + check.mechanism() + " " + check.ownedName() + ": ";
          if (check.state() == MechanismState.InSync) {
            out.println(line + "in sync");
            inSync++;
          } else if (check.existed()) {
            out.println(line + "drifted: " + check.difference());
            drifted++;
          } else {
            out.println(line + "not applied: " + check.difference());
            notApplied++;
          }
          check.warnings().forEach(w -> out.println("    warning: " + w));
        }
      }
    }
    out.println("Drift: " + inSync + " in sync, " + drifted + " drifted, " + notApplied + " not applied, " + errors
        + " errors.");
    if (errors > 0) {
      return 1;
    }
    return drifted + notApplied > 0 ? DRIFT : 0;
  }

  private static dev.ekyc.operator.credentials.StoreCredentials credentials(KubernetesClient client, DataStore store) {
    String ns = store.getMetadata().getNamespace();
    StoreSecrets secrets = new StoreSecrets(name -> Optional.ofNullable(
        client.secrets().inNamespace(ns).withName(name).get()));
    StoreSecrets.Resolution resolution = secrets.resolve(store.getSpec());
    if (resolution instanceof StoreSecrets.Failed failed) {
      throw new EnforcementException("DataStore " + store.getMetadata().getName() + ": "
          + failed.problem().message());
    }
    return ((StoreSecrets.Resolved) resolution).credentials();
  }

  private static PolicyInputs fromCluster(KubernetesClient client, String ns) {
    return new PolicyInputs(
        client.resources(DataStore.class).inNamespace(ns).list().getItems(),
        client.resources(RetentionPolicy.class).inNamespace(ns).list().getItems(),
        client.resources(ConsentPolicy.class).inNamespace(ns).list().getItems());
  }

  private KubernetesClient client() {
    if (kubeconfig == null) {
      return new KubernetesClientBuilder().build();
    }
    try {
      return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), "cannot read --kubeconfig " + kubeconfig + ": "
          + e.getMessage());
    }
  }
}
