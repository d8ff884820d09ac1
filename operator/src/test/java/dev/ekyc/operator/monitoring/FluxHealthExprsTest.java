package dev.ekyc.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.ekyc.operator.it.ProjectFiles;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Flux healthCheckExprs of examples/gitops/flux/reference-policy.yaml, evaluated with cel-java
 * (the CEL implementation this project has; Flux uses cel-go, not run here) in Flux's order
 * (inProgress, failed, current; none matching is InProgress), the object's top-level fields as
 * variables, against the statuses the real operator wrote (src/test/resources/health/).
 */
class FluxHealthExprsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "retentionpolicy-enforce-compliant, Current",
    "retentionpolicy-audit, Current",
    "retentionpolicy-waiting-on-store, InProgress",
    "retentionpolicy-deletion-overdue, Failed",
    "retentionpolicy-job-failed, Failed",
    "datastore-ready, Current",
    "datastore-bucket-missing, Failed",
    "consentpolicy-ready, Current"
  })
  void capturedStatusesReadAsOurConditionsSay(String capture, String expected) throws Exception {
    assertEquals(expected, health(captured(capture)), capture);
  }

  @Test
  void aSpecChangeNotObservedYetIsInProgress() throws Exception {
    ObjectNode policy = captured("retentionpolicy-enforce-compliant");
    ObjectNode metadata = (ObjectNode) policy.get("metadata");
    metadata.put("generation", metadata.get("generation").asLong() + 1);
    assertEquals("InProgress", health(policy));
  }

  @Test
  void aResourceWithoutStatusIsNeverCurrent() throws Exception {
    // cel-java reads has() of a field of the absent status as false: InProgress. Flux documents
    // that an expression
    // reading a missing field makes it wait until the timeout instead; either way `wait: true` does
    // not pass.
    String health = health(captured("retentionpolicy-no-status"));
    org.junit.jupiter.api.Assertions.assertTrue(
        health.equals("InProgress") || health.equals("Error"), health);
  }

  private static ObjectNode captured(String name) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            ProjectFiles.path("operator/src/test/resources/health/" + name + ".json").toFile());
  }

  /**
   * Current, InProgress or Failed as Flux would compute it; Error when an expression cannot be
   * evaluated.
   */
  @SuppressWarnings("unchecked")
  private static String health(JsonNode resource) throws Exception {
    JsonNode check = null;
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    for (JsonNode doc :
        yaml.readValues(
                yaml.getFactory()
                    .createParser(
                        ProjectFiles.path("examples/gitops/flux/reference-policy.yaml").toFile()),
                JsonNode.class)
            .readAll()) {
      for (JsonNode expr : doc.path("spec").path("healthCheckExprs")) {
        if (expr.path("kind").asText().equals(resource.path("kind").asText())) {
          check = expr;
        }
      }
    }
    assertEquals(true, check != null, "no healthCheckExprs for " + resource.path("kind"));
    Map<String, Object> object = JSON.convertValue(resource, Map.class);
    Map<String, Object> variables = new HashMap<>(object);
    Cel cel =
        CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("metadata", SimpleType.DYN)
            .addVar("spec", SimpleType.DYN)
            .addVar("status", SimpleType.DYN)
            .build();
    try {
      for (String outcome : new String[] {"inProgress", "failed", "current"}) {
        String expression = check.path(outcome).asText();
        if (!expression.isBlank()
            && Boolean.TRUE.equals(
                cel.createProgram(cel.compile(expression).getAst()).eval(variables))) {
          return outcome.equals("inProgress")
              ? "InProgress"
              : outcome.equals("failed") ? "Failed" : "Current";
        }
      }
    } catch (CelEvaluationException e) {
      return "Error";
    }
    return "InProgress";
  }
}
