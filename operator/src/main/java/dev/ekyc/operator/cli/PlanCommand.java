package dev.ekyc.operator.cli;

import dev.ekyc.operator.manifest.ManifestInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code plan}: reads manifests, validates them as the API server would, compiles them with the
 * policy core and prints how every rule will be enforced and what that guarantees. Offline: no
 * cluster, no store.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Validate DataStore, RetentionPolicy and ConsentPolicy manifests offline, exactly as the API server would"
          + " (schema, defaults, CEL rules), and print how each rule will be enforced and the worst-case age of"
          + " the data.",
      "Exit status: 0 valid (warnings allowed), 1 errors in the manifests, 2 usage error."
    })
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      required = true,
      paramLabel = "FILE|DIR",
      description =
          "Manifest file, directory whose YAML files (.yaml, .yml) are read recursively, or - for"
              + " standard input (kustomize build | plan -f -). Repeatable.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default), yaml or json; yaml and json are stable documents for tools.")
  OutputFormat output = OutputFormat.text;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description =
          "Namespace of resources that name none, as kubectl apply -n would. Default: default.")
  String namespace;

  @Override
  public Integer call() {
    LogLevels.forReportingCommand(
        ErrorReporting.debugRequested(spec.commandLine().getParseResult()));
    Planner.Outcome outcome;
    try {
      outcome = Planner.run(files, namespace);
    } catch (ManifestInputException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }

    PrintWriter out = spec.commandLine().getOut();
    switch (output) {
      case text -> new TextPlanPrinter(out).print(outcome.plan(), outcome.findings());
      case json -> out.print(PlanDocument.json(PlanDocument.of(outcome)));
      case yaml -> out.print(PlanDocument.yaml(PlanDocument.of(outcome)));
    }
    out.flush();
    if (outcome.failed() && output != OutputFormat.text) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("error: the manifests have errors; they are listed under \"problems\"");
      err.flush();
    }
    return outcome.failed() ? 1 : 0;
  }
}
