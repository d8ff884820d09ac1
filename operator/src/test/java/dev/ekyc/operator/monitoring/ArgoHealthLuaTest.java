package dev.ekyc.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ekyc.operator.it.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Argo CD health check (examples/gitops/argocd/health.lua) run by the real Lua 5.1 (Debian's
 * lua5.1; Argo CD embeds gopher-lua, a Lua 5.1) against resources as the API server returned them
 * in AlertingIT (src/test/resources/health/, captured there), each given to the script as Argo CD
 * does: the object as the global {@code obj}. Skipped without lua5.1; failed with CI=true.
 */
class ArgoHealthLuaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "retentionpolicy-enforce-compliant, Healthy, Enforced",
    "retentionpolicy-no-status, Progressing, Waiting for the operator to reconcile",
    "retentionpolicy-waiting-on-store, Progressing, StoreNotReady",
    "retentionpolicy-deletion-overdue, Degraded, DeletionOverdue",
    "retentionpolicy-job-failed, Degraded, JobFailed",
    "retentionpolicy-audit, Suspended, Audit mode",
    "retentionpolicy-audit-drifted, Suspended, Audit mode",
    "datastore-ready, Healthy, Probed",
    "datastore-bucket-missing, Degraded, NotFound",
    "consentpolicy-ready, Healthy, Valid"
  })
  void capturedStatusesReadAsOurConditionsSay(String capture, String status, String messageContains)
      throws Exception {
    String[] health = health(captured(capture));
    assertEquals(status, health[0], capture + ": " + health[1]);
    assertTrue(health[1].contains(messageContains), capture + " message: " + health[1]);
  }

  @Test
  void aSpecChangeNotObservedYetIsProgressing() throws Exception {
    ObjectNode policy = captured("retentionpolicy-enforce-compliant");
    ObjectNode metadata = (ObjectNode) policy.get("metadata");
    metadata.put("generation", metadata.get("generation").asLong() + 1);
    String[] health = health(policy);
    assertEquals("Progressing", health[0], health[1]);
    assertTrue(health[1].contains("observe generation 2"), health[1]);
  }

  @Test
  void theOperatorsDryRunIsSuspended() throws Exception {
    ObjectNode policy = captured("retentionpolicy-audit");
    ((ObjectNode) policy.get("spec")).put("mode", "Enforce");
    assertEquals("Suspended", health(policy)[0]);
  }

  @Test
  void theArgoCdConfigMapHoldsTheScriptForEachKind() throws Exception {
    String script = Files.readString(ProjectFiles.path("examples/gitops/argocd/health.lua"));
    JsonNode cm =
        new ObjectMapper(new YAMLFactory())
            .readTree(ProjectFiles.path("examples/gitops/argocd/argocd-cm.yaml").toFile())
            .path("data");
    for (String kind : List.of("DataStore", "RetentionPolicy", "ConsentPolicy")) {
      assertEquals(
          script, cm.path("resource.customizations.health.ekyc.dev_" + kind).asText(), kind);
    }
  }

  private static ObjectNode captured(String name) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            ProjectFiles.path("operator/src/test/resources/health/" + name + ".json").toFile());
  }

  /** Status and message the script returns for {@code resource}. */
  private String[] health(JsonNode resource) throws Exception {
    Path lua = MonitoringTools.lua();
    String script = Files.readString(ProjectFiles.path("examples/gitops/argocd/health.lua"));
    Path harness = dir.resolve("harness.lua");
    Files.writeString(
        harness,
        "obj = "
            + luaValue(resource)
            + "\nlocal function health()\n"
            + script
            + "\nend\nlocal hs = health()\nio.write(hs.status, \"\\n\", hs.message or \"\", \"\\n\")\n");
    String output = Tools.run(List.of(lua.toString(), harness.toString()), dir);
    String[] lines = output.split("\n", -1);
    return new String[] {lines[0], lines.length > 1 ? lines[1] : ""};
  }

  /**
   * JSON as a Lua table constructor; nulls are left out, as Argo CD's conversion leaves them out.
   */
  static String luaValue(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          out.append('[')
              .append(luaString(field.getKey()))
              .append("]=")
              .append(luaValue(field.getValue()))
              .append(',');
        }
      }
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("{");
      node.forEach(element -> out.append(luaValue(element)).append(','));
      return out.append('}').toString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return luaString(node.asText());
  }

  private static String luaString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\%03d", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
