package dev.ekyc.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class PlanCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final Path REFERENCE = EXAMPLES.resolve("reference");

  @TempDir Path dir;

  @Test
  void referenceExamplePlansEveryStorePolicyAndRule() {
    CliRun run = CliRun.of("plan", "-f", REFERENCE.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "DataStore ekyc/verification-media: ObjectStorage store, jurisdiction SG",
            "DataStore ekyc/operation-logs: Search store",
            "DataStore ekyc/service-db: SQL store",
            "RetentionPolicy verification-media:",
            "RetentionPolicy identification-data:",
            "RetentionPolicy service-records:",
            "RetentionPolicy operation-logs:",
            "rule liveness-media",
            "rule id-document-media",
            "rule training-faces",
            "rule identification",
            "rule monitoring",
            "rule operation-logs",
            "PRIMARY  Sweeper",
            "BACKSTOP LifecycleRule",
            "why: ");
    // Every stated promise is shown next to its worst case, and kept.
    assertThat(run.out())
        .contains(
            "retention 1h45m, worst case 2h (promise 2h: kept)",
            "with consent 30d15m",
            "sensitive columns without consent 2h (promise 2h: kept)",
            "worst case 2h, promise 2h");
    assertThat(run.out()).doesNotContain("BROKEN");
    assertThat(run.out()).contains("Plan: 3 stores, 4 policies, 6 rules; 0 errors, 0 warnings.");
    assertThat(run.err()).as("plan is quiet on stderr").isEmpty();
  }

  @Test
  void everyExampleIsValid() {
    CliRun run = CliRun.of("plan", "-f", EXAMPLES.toString(), "-o", "json");

    assertThat(run.exitCode()).as(run.out()).isZero();
  }

  @Test
  void invalidManifestFailsWithTheFieldAndTheFile() throws IOException {
    Path file =
        write(
            "bad.yaml",
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media, namespace: ekyc}
        spec:
          storeRef: {name: media}
          rules:
          - name: liveness
            dataCategory: biometric
            objects: {prefix: liveness/}
            retention: 2 hours
        """);

    CliRun run = CliRun.of("plan", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "ERROR "
                + file
                + " (document 1) RetentionPolicy/ekyc/media"
                + " spec.rules[0].retention: invalid value \"2 hours\"");
    assertThat(run.out()).contains("fix: How long the data is kept");
    assertThat(run.out()).contains("No plan: 1 error in the manifests");
  }

  @Test
  void problemFoundByThePolicyCoreIsPlacedInItsFile() throws IOException {
    Path file =
        write(
            "orphan.yaml",
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media, namespace: ekyc}
        spec:
          storeRef: {name: no-such-store}
          rules:
          - {name: liveness, dataCategory: biometric, objects: {prefix: liveness/}, retention: 2h}
        """);

    CliRun run = CliRun.of("plan", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "ERROR " + file + " (document 1) RetentionPolicy/ekyc/media spec.storeRef.name:",
            "no-such-store");
  }

  @Test
  void aPromiseTheScheduleCannotKeepIsRefusedWithAFixThatWorks() throws IOException {
    String store =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: media, namespace: ekyc}
        spec:
          jurisdiction: SG
          objectStorage: {endpoint: "https://s3.example.com", region: r, bucket: media, credentialsSecretRef: {name: s}}
        ---
        """;
    String policy =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: media, namespace: ekyc}
        spec:
          storeRef: {name: media}
          schedule: "*/15 * * * *"
          rules:
          - {name: liveness, dataCategory: biometric, objects: {prefix: liveness/}, retention: 2h, deleteWithin: 130m}
        """;
    Path broken = write("broken-promise.yaml", store + policy);

    CliRun run = CliRun.of("plan", "-f", broken.toString(), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode plan = new ObjectMapper().readTree(run.out());
    JsonNode refused = plan.at("/stores/0/policies/0");
    assertThat(refused.path("enforceable").asBoolean()).isFalse();
    assertThat(refused.path("worstCaseAge").isMissingNode())
        .as("no worst case for a refused policy")
        .isTrue();
    assertThat(refused.path("deleteWithin").asText()).isEqualTo("2h10m");
    JsonNode problem = plan.at("/problems/0");
    assertThat(problem.path("field").asText()).isEqualTo("spec.rules[0].deleteWithin");
    assertThat(problem.path("fix").asText())
        .isEqualTo(
            "runs every 15m: set retention at most 115m (1h55m), or"
                + " deleteWithin at least 135m (2h15m), or schedule '*/10 * * * *'");
    CliRun text = CliRun.of("plan", "-f", broken.toString());
    assertThat(text.out())
        .contains(
            "worst case 2h15m (promise 2h10m: BROKEN by 5m)", "ENFORCEABLE until the errors below");

    // The fix the plan names, applied: accepted, with the worst case within the promise.
    Path fixed =
        write("fixed-promise.yaml", store + policy.replace("*/15 * * * *", "*/10 * * * *"));
    CliRun after = CliRun.of("plan", "-f", fixed.toString());
    assertThat(after.exitCode()).as(after.out()).isZero();
    assertThat(after.out()).contains("worst case 2h10m (promise 2h10m: kept)");
  }

  @Test
  void declaredBackupsAreShownNextToTheLiveWorstCaseAndAShorterPromiseIsRefused()
      throws IOException {
    String store =
        """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: db, namespace: ekyc}
        spec:
          jurisdiction: SG
          sql: {engine: MySQL, host: mysql.ekyc.svc, database: ekyc, credentialsSecretRef: {name: db}}
          backups:
          - {name: "TencentDB automatic backups", retention: 7d}
        ---
        apiVersion: ekyc.dev/v1alpha1
        kind: RetentionPolicy
        metadata: {name: records, namespace: ekyc}
        spec:
          storeRef: {name: db}
          rules:
          - {name: records, dataCategory: monitoring, table: {name: api_calls, key: id, timestampColumn: created_at},
             retention: 730d, deleteWithin: %s}
        """;
    CliRun kept = CliRun.of("plan", "-f", write("kept.yaml", store.formatted("731d")).toString());
    assertThat(kept.exitCode()).as(kept.out()).isZero();
    assertThat(kept.out())
        .contains(
            "declared backup: backups ≤ 7d (DataStore spec.backups): TencentDB automatic"
                + " backups")
        .contains("copies: live 730d1h; backups ≤ 7d (DataStore spec.backups)");

    String shortPromise =
        store
            .formatted("731d")
            .replace("retention: 730d", "retention: 1d")
            .replace("deleteWithin: 731d", "deleteWithin: 2d");
    CliRun refused =
        CliRun.of("plan", "-f", write("refused.yaml", shortPromise).toString(), "-o", "json");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out())
        .contains("spec.rules[0].deleteWithin")
        .contains("backups ≤ 7d")
        .contains("acceptedResiduals");
  }

  @Test
  void warningsAloneDoNotFailThePlan() throws IOException {
    Path file =
        write(
            "lonely.yaml",
            """
        apiVersion: ekyc.dev/v1alpha1
        kind: DataStore
        metadata: {name: lonely}
        spec:
          jurisdiction: HK
          sql: {engine: MySQL, host: db.internal, database: ekyc, credentialsSecretRef: {name: db}}
        """);

    CliRun run = CliRun.of("plan", "-f", file.toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out())
        .contains(
            "WARNING " + file + " (document 1) DataStore/default/lonely:",
            "Plan: 1 store, 0 policies, 0 rules; 0 errors, 1 warning.");
  }

  @Test
  void missingFileIsAUsageError() {
    CliRun run = CliRun.of("plan", "-f", dir.resolve("absent.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "error: " + dir.resolve("absent.yaml") + ": no such file or directory", "plan --help");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("plan", "-f", REFERENCE.toString(), "--outptu", "json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: Unknown option").contains("--output");
  }

  @Test
  void jsonOutputIsAStableDocumentWithDurationsAsInTheApi() throws IOException {
    CliRun run = CliRun.of("plan", "-f", REFERENCE.toString(), "-o", "json");

    assertThat(run.exitCode()).isZero();
    JsonNode plan = new ObjectMapper().readTree(run.out());
    assertThat(plan.path("valid").asBoolean()).isTrue();
    assertThat(plan.at("/summary/rules").asInt()).isEqualTo(6);
    JsonNode media = find(plan.path("stores"), "verification-media");
    assertThat(media.path("source").asText())
        .startsWith(REFERENCE.resolve("datastores.yaml") + " (document ");
    JsonNode liveness = find(media.at("/policies/0/rules"), "liveness-media");
    assertThat(liveness.path("retention").asText()).isEqualTo("1h45m");
    assertThat(liveness.path("worstCaseAge").asText()).isEqualTo("2h");
    assertThat(liveness.path("deleteWithin").asText()).isEqualTo("2h");
    assertThat(media.at("/policies/0/deleteWithin").asText()).isEqualTo("2h");
    assertThat(liveness.at("/mechanisms/0/kind").asText()).isEqualTo("Sweeper");
    assertThat(liveness.at("/mechanisms/0/role").asText()).isEqualTo("PRIMARY");
    assertThat(liveness.at("/mechanisms/0/details/deleteOlderThan").asText()).isEqualTo("1h45m");
    assertThat(liveness.at("/mechanisms/0/backendRequests").isMissingNode())
        .as("a job writes no configuration")
        .isTrue();
    JsonNode backstop = liveness.at("/mechanisms/1/backendRequests/0/body");
    assertThat(backstop.path("ID").asText())
        .isEqualTo("ekyc-operator:ekyc/verification-media/verification-media/liveness-media");
    assertThat(backstop.at("/Filter/Prefix").asText()).isEqualTo("liveness/");
    assertThat(backstop.at("/Expiration/Days").asInt()).isEqualTo(1);
    assertThat(backstop.path("Status").asText()).isEqualTo("Enabled");
    JsonNode oplog =
        find(find(plan.path("stores"), "operation-logs").at("/policies/0/rules"), "operation-logs");
    JsonNode ilm = oplog.at("/mechanisms/0/backendRequests");
    assertThat(ilm.at("/0/request").asText())
        .startsWith("PUT /_ilm/policy/ekyc-operator-ekyc_operation-logs_");
    assertThat(ilm.at("/0/body/policy/phases/delete/min_age").asText())
        .as("730d retention + 1d write window, never less")
        .isEqualTo("731d");
    assertThat(ilm.at("/1/body/settings/index.lifecycle.name").asText())
        .isEqualTo(oplog.at("/mechanisms/0/details/policyId").asText());
    assertThat(run.out()).doesNotContain("PT2H");
    assertThat(CliRun.of("plan", "-f", REFERENCE.toString(), "-o", "json").out())
        .as("same input, same bytes")
        .isEqualTo(run.out());
  }

  @Test
  void yamlOutputHoldsTheSameDocumentAsJson() throws IOException {
    JsonNode json =
        new ObjectMapper()
            .readTree(CliRun.of("plan", "-f", REFERENCE.toString(), "-o", "json").out());
    CliRun yaml = CliRun.of("plan", "-f", REFERENCE.toString(), "-o", "yaml");

    assertThat(yaml.exitCode()).isZero();
    assertThat(new YAMLMapper().readTree(yaml.out())).isEqualTo(json);
  }

  @Test
  void jsonOutputOfInvalidManifestsListsTheProblems() throws IOException {
    Path file =
        write(
            "bad.yaml",
            "apiVersion: ekyc.dev/v1alpha1\nkind: DataStore\nmetadata: {name: x}\n"
                + "spec: {jurisdiction: sg}\n");

    CliRun run = CliRun.of("plan", "-f", file.toString(), "-o", "json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode plan = new ObjectMapper().readTree(run.out());
    assertThat(plan.path("valid").asBoolean()).isFalse();
    assertThat(plan.path("stores")).isEmpty();
    assertThat(plan.path("problems"))
        .anySatisfy(
            p -> {
              assertThat(p.path("file").asText()).isEqualTo(file.toString());
              assertThat(p.path("document").asInt()).isEqualTo(1);
              assertThat(p.path("field").asText()).isEqualTo("spec.jurisdiction");
            });
    assertThat(run.err()).startsWith("error: ");
  }

  @Test
  void namespaceFlagAppliesToResourcesWithoutOne() throws IOException {
    Path file = EXAMPLES.resolve("minimal").resolve("object-storage.yaml");

    CliRun run = CliRun.of("plan", "-f", file.toString(), "--namespace", "kyc");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("DataStore kyc/selfie-bucket");
  }

  @Test
  void versionIsPrinted() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("ekyc-operator ").contains("API ekyc.dev/v1alpha1");
  }

  @Test
  void noCommandIsAUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: a command is required").contains("plan");
  }

  @Test
  void unexpectedFailureIsOneLineWithoutStackTraceUnlessDebug() {
    CliRun quiet = CliRun.of(withFailingCommand(), "explode");
    CliRun debug = CliRun.of(withFailingCommand(), "explode", "--debug");

    assertThat(quiet.exitCode()).isEqualTo(1);
    assertThat(quiet.err())
        .isEqualTo(
            "error: the store is on fire\nRun again with --debug to see where it happened.\n"
                .replace("\n", System.lineSeparator()));
    assertThat(debug.exitCode()).isEqualTo(1);
    assertThat(debug.err())
        .startsWith("error: the store is on fire")
        .contains("IllegalStateException", "\tat ");
  }

  @Command(name = "explode")
  static final class Exploding implements Runnable {
    @Override
    public void run() {
      throw new IllegalStateException("the store is on fire");
    }
  }

  private static CommandLine withFailingCommand() {
    CommandLine commandLine = Main.commandLine();
    commandLine.addSubcommand(new Exploding());
    return commandLine;
  }

  private static JsonNode find(JsonNode array, String name) {
    for (JsonNode item : array) {
      if (name.equals(item.path("name").asText())) {
        return item;
      }
    }
    throw new AssertionError("no " + name + " in " + array);
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
