package dev.ekyc.operator.cli;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.api.v1alpha1.StoreType;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.credentials.StoreSecrets;
import dev.ekyc.operator.enforce.EnforcementException;
import dev.ekyc.operator.enforce.Enforcer;
import dev.ekyc.operator.enforce.MechanismCheck;
import dev.ekyc.operator.enforce.MechanismState;
import dev.ekyc.operator.enforce.PreviousChecks;
import dev.ekyc.operator.enforce.StoreAccess;
import dev.ekyc.operator.enforce.StoreObservation;
import dev.ekyc.operator.manifest.Finding;
import dev.ekyc.operator.manifest.ManifestInputException;
import dev.ekyc.operator.objectstore.BucketFacts;
import dev.ekyc.operator.objectstore.BucketFactsReader;
import dev.ekyc.operator.objectstore.BucketFinding;
import dev.ekyc.operator.objectstore.CopyCoverage;
import dev.ekyc.operator.objectstore.S3Clients;
import dev.ekyc.operator.policy.DeclaredResiduals;
import dev.ekyc.operator.policy.DurationText;
import dev.ekyc.operator.policy.EnforcementPlan;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.PolicyCompiler;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.PolicyPlan;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.StorePlan;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code drift}: compares the backends with the plan, read-only, for scripts and GitOps checks.
 * Resources come from manifest files ({@code -f}) or from the cluster; credentials always come from
 * the stores' Secrets in the cluster (manifests never hold them).
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

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR",
      description =
          "Manifest file or directory (read like plan -f). Without it, the resources are read from the"
              + " cluster.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Namespace: of resources that name none (-f), or to read from the cluster. Default: default.")
  String namespace;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig of the cluster to read from.")
  Path kubeconfig;

  @Override
  public Integer call() {
    LogLevels.forReportingCommand(
        ErrorReporting.debugRequested(spec.commandLine().getParseResult()));
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
          outcome.findings().stream()
              .filter(Finding::isError)
              .forEach(f -> err.println("ERROR " + f.describe()));
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

  private int report(
      KubernetesClient client,
      PolicyInputs inputs,
      EnforcementPlan plan,
      PrintWriter out,
      PrintWriter err) {
    Enforcer enforcer = new Enforcer(Duration.ofSeconds(5), Duration.ofSeconds(30));
    int inSync = 0;
    int drifted = 0;
    int notApplied = 0;
    int errors = 0;
    for (StorePlan storePlan : plan.stores()) {
      if (storePlan.policies().isEmpty()) {
        continue;
      }
      DataStore store =
          inputs.stores().stream()
              .filter(
                  s ->
                      s.getMetadata().getName().equals(storePlan.store().name())
                          && s.getMetadata().getNamespace().equals(storePlan.store().namespace()))
              .findFirst()
              .orElseThrow();
      if (storePlan.type() == StoreType.ObjectStorage) {
        int refused = copies(client, store, storePlan, plan, out, err);
        if (refused < 0) {
          errors++;
        } else {
          notApplied += refused;
        }
      }
      for (PolicyPlan policy : storePlan.policies()) {
        String label =
            "RetentionPolicy " + policy.policy().namespace() + "/" + policy.policy().name();
        if (!policy.enforceable()) {
          out.println(label + ": not enforced (the policy has errors; see plan)");
          notApplied++;
          continue;
        }
        List<MechanismCheck> checks;
        try {
          StoreAccess access = new StoreAccess(store, storePlan, credentials(client, store), true);
          // SQL stores have no native mechanism to compare: only what they hold is reported.
          checks =
              storePlan.type() == StoreType.SQL
                  ? List.of()
                  : enforcer
                      .enforce(access, policy.policy().name(), false, PreviousChecks.none())
                      .of(policy.policy().name());
          printObserved(
              out,
              label,
              policy,
              StoreObservation.read(
                  store,
                  access.credentials(),
                  policy,
                  rule -> acceptedKinds(inputs, policy, rule)));
        } catch (EnforcementException e) {
          err.println("ERROR " + label + ": " + e.getMessage());
          errors++;
          continue;
        }
        for (MechanismCheck check : checks) {
          String line =
              label
                  + " rule "
                  + check.rule()
                  + ": "
                  + check.mechanism()
                  + " "
                  + check.ownedName()
                  + ": ";
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
    out.println(
        "Drift: "
            + inSync
            + " in sync, "
            + drifted
            + " drifted, "
            + notApplied
            + " not applied, "
            + errors
            + " errors.");
    if (errors > 0) {
      return 1;
    }
    return drifted + notApplied > 0 ? DRIFT : 0;
  }

  /**
   * What the store really holds per rule and the copies outside it, as the operator's status shows
   * them: "oldest rows in db.t is 40d old, past 30d1h" and "copies: live 30d1h; binlog ≤ 7d (...)".
   * Informational: the exit code stays about the mechanisms.
   */
  private static void printObserved(
      PrintWriter out, String label, PolicyPlan policy, StoreObservation.Observation observed) {
    for (var rule : policy.rules()) {
      String line = label + " rule " + rule.name() + ": ";
      for (var age : observed.oldest().getOrDefault(rule.name(), List.of())) {
        out.println(line + (age.overdue() ? "OVERDUE " : "") + age.describe());
      }
      String unreadable =
          observed.unreadable().getOrDefault(rule.name(), observed.unreadable().get("*"));
      if (unreadable != null) {
        out.println(line + "oldest data not read: " + unreadable);
      }
      StringBuilder copies = new StringBuilder("live " + DurationText.format(rule.worstCaseAge()));
      observed.residuals().forEach(r -> copies.append("; ").append(r.text()));
      out.println(line + "copies: " + copies);
      for (var verdict : observed.verdicts().getOrDefault(rule.name(), List.of())) {
        out.println(
            "    "
                + (verdict.breaks()
                    ? "promise broken: "
                    : verdict.accepted() ? "acknowledged: " : "warning: ")
                + verdict.message()
                + (verdict.breaks() ? "; fix: " + verdict.fix() : ""));
      }
    }
  }

  private static java.util.Set<String> acceptedKinds(
      PolicyInputs inputs, PolicyPlan policy, String rule) {
    return inputs.retentionPolicies().stream()
        .filter(
            p ->
                p.getMetadata().getName().equals(policy.policy().name())
                    && p.getMetadata().getNamespace().equals(policy.policy().namespace()))
        .flatMap(p -> p.getSpec().rules.stream())
        .filter(r -> rule.equals(r.name))
        .findFirst()
        .map(DeclaredResiduals::acceptedKinds)
        .orElse(java.util.Set.of());
  }

  /**
   * Object storage: the bucket's copies (versioning and MFA Delete, Object Lock, replication) in
   * one line, and each rule whose promise they break, with the fix, counted as not applied; -1 when
   * the bucket cannot be read.
   */
  private static int copies(
      KubernetesClient client,
      DataStore store,
      StorePlan storePlan,
      EnforcementPlan plan,
      PrintWriter out,
      PrintWriter err) {
    var spec = store.getSpec().objectStorage;
    String label =
        "DataStore " + store.getMetadata().getNamespace() + "/" + store.getMetadata().getName();
    try (S3Client s3 =
        S3Clients.create(
            spec,
            (StoreCredentials.ObjectStorage) credentials(client, store),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            S3Clients.STANDARD_ATTEMPTS)) {
      BucketFacts facts = new BucketFactsReader(s3).read(spec.bucket);
      out.println(label + ": s3://" + spec.bucket + ": " + facts.describe());
      int refused = 0;
      for (BucketFinding finding : facts.findings()) {
        out.println("  " + (finding.blocking() ? "refused: " : "note: ") + finding.text());
        refused += finding.blocking() ? 1 : 0;
      }
      List<CopyCoverage.CoveredPrefix> covered = CopyCoverage.of(plan);
      for (PolicyPlan policy : storePlan.policies()) {
        if (!policy.enforceable()) {
          continue;
        }
        for (RulePlan rule : policy.rules()) {
          for (var mechanism : rule.mechanisms()) {
            if (mechanism instanceof ObjectSweep sweep
                && mechanism.role() == Mechanism.Role.PRIMARY) {
              for (BucketFinding f :
                  CopyCoverage.findings(facts, sweep.prefix(), rule.overdueAfter(), covered)) {
                out.println(
                    "RetentionPolicy "
                        + policy.policy().namespace()
                        + "/"
                        + policy.policy().name()
                        + " rule "
                        + rule.name()
                        + ": copies: refused: "
                        + f.text());
                refused++;
              }
            }
          }
        }
      }
      return refused;
    } catch (EnforcementException | SdkException e) {
      err.println("ERROR " + label + ": bucket settings unreadable: " + e.getMessage());
      return -1;
    }
  }

  private static dev.ekyc.operator.credentials.StoreCredentials credentials(
      KubernetesClient client, DataStore store) {
    String ns = store.getMetadata().getNamespace();
    StoreSecrets secrets =
        new StoreSecrets(
            name -> Optional.ofNullable(client.secrets().inNamespace(ns).withName(name).get()));
    StoreSecrets.Resolution resolution = secrets.resolve(store.getSpec());
    if (resolution instanceof StoreSecrets.Failed failed) {
      throw new EnforcementException(
          "DataStore " + store.getMetadata().getName() + ": " + failed.problem().message());
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
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "cannot read --kubeconfig " + kubeconfig + ": " + e.getMessage());
    }
  }
}
