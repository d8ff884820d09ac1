package dev.ekyc.operator.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ekyc.operator.it.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's alert rules, rendered by the real helm with default values, checked and unit-tested
 * by the real promtool ({@code promtool test rules},
 * src/test/resources/monitoring/alert-rules-test.yaml): every alert firing and quiet, its {@code
 * for}, the Audit and nightly-schedule cases. Every alert carries summary, description and a
 * runbook_url whose anchor docs/runbooks.md has. Needs promtool and helm: skipped without them,
 * failed with CI=true.
 */
class AlertRulesPromtoolTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path dir;

  @Test
  void promtoolUnitTestsPassAgainstTheChartsRules() throws Exception {
    Path promtool = MonitoringTools.promtool();
    ChartRules.render(dir.resolve("rules.yaml"), Map.of());
    Files.copy(
        ProjectFiles.path("operator/src/test/resources/monitoring/alert-rules-test.yaml"),
        dir.resolve("alert-rules-test.yaml"));

    Tools.Result check =
        Tools.result(List.of(promtool.toString(), "check", "rules", "rules.yaml"), dir, false);
    assertEquals(0, check.exitCode(), check.output());
    Tools.Result test =
        Tools.result(
            List.of(promtool.toString(), "test", "rules", "alert-rules-test.yaml"), dir, false);
    assertEquals(0, test.exitCode(), test.output());
    assertTrue(test.output().contains("SUCCESS"), test.output());
  }

  @Test
  void everyAlertIsTestedFiringAndQuietAndHasARunbook() throws Exception {
    JsonNode rules = YAML.readTree(ChartRules.render(dir.resolve("rules.yaml"), Map.of()).toFile());
    JsonNode tests =
        YAML.readTree(
            ProjectFiles.path("operator/src/test/resources/monitoring/alert-rules-test.yaml")
                .toFile());
    String runbooks = Files.readString(ProjectFiles.path("docs/runbooks.md"));

    Set<String> alerts = new TreeSet<>();
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        alerts.add(alert);
        for (String annotation : List.of("summary", "description", "runbook_url")) {
          assertTrue(
              !rule.path("annotations").path(annotation).asText().isBlank(),
              alert + " has no " + annotation);
        }
        String anchor = rule.path("annotations").path("runbook_url").asText().replaceAll(".*#", "");
        assertEquals(alert.toLowerCase(), anchor, alert + "'s runbook_url anchor");
        assertTrue(
            runbooks.contains("## " + alert + "\n"),
            "docs/runbooks.md has no section '## " + alert + "'");
      }
    }
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode check : test.path("alert_rule_test")) {
        (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
      }
    }
    assertEquals(alerts, firing, "alerts with a firing case");
    assertEquals(alerts, quiet, "alerts with a quiet case");
    assertEquals(
        List.of(
            "EkycDeletionOverdue",
            "EkycJobNotSucceeding",
            "EkycOperatorDown",
            "EkycPolicyDrifted",
            "EkycPolicyNotCompliant",
            "EkycStoreNotReady"),
        new ArrayList<>(alerts));
  }
}
