package dev.ekyc.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.it.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What kstatus ({@code sigs.k8s.io/cli-utils/pkg/kstatus}, built by testenv/provision.sh kstatus
 * from testenv/kstatus) computes for our resources as the real operator left them (AlertingIT's
 * captures in src/test/resources/health/), against docs/gitops.md: Ready → Current, Stalled →
 * Failed, Reconciling → InProgress, a spec change not observed yet → InProgress; kstatus does not
 * read Compliant or Drifted (an overdue or failed job reads Current: Flux users need the
 * healthCheckExprs of examples/gitops/flux), and a resource without a status reads Current (the gap
 * docs/gitops.md describes). Skipped without the program; failed with CI=true.
 */
class KstatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "retentionpolicy-enforce-compliant, Current",
    "retentionpolicy-audit, Current",
    "retentionpolicy-waiting-on-store, InProgress",
    "retentionpolicy-deletion-overdue, Current",
    "retentionpolicy-job-failed, Current",
    "datastore-ready, Current",
    "datastore-bucket-missing, Failed",
    "consentpolicy-ready, Current",
    // The gap: not reconciled yet, no status at all, and kstatus calls it Current.
    "retentionpolicy-no-status, Current"
  })
  void capturedStatusesReadAsDocumented(String capture, String expected) throws Exception {
    Path file = ProjectFiles.path("operator/src/test/resources/health/" + capture + ".json");
    assertEquals(expected, kstatus(file)[1], capture);
  }

  @Test
  void aSpecChangeNotObservedYetIsInProgress() throws Exception {
    ObjectNode policy =
        (ObjectNode)
            JSON.readTree(
                ProjectFiles.path(
                        "operator/src/test/resources/health/retentionpolicy-enforce-compliant.json")
                    .toFile());
    ObjectNode metadata = (ObjectNode) policy.get("metadata");
    metadata.put("generation", metadata.get("generation").asLong() + 1);
    Path file = dir.resolve("changed.json");
    Files.writeString(file, JSON.writeValueAsString(policy));
    String[] result = kstatus(file);
    assertEquals("InProgress", result[1]);
    assertTrue(result[2].contains("generation"), result[2]);
  }

  /** {file, status, message}. */
  private static String[] kstatus(Path file) {
    String[] result = Kstatus.of(file);
    return new String[] {file.toString(), result[0], result[1]};
  }
}
