package dev.ekyc.operator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ekyc.operator.it.ProjectFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chart's alert rules as Prometheus loads them: the PrometheusRule template rendered by the
 * real helm with the given values, its {@code spec} (a rule file's {@code groups}) written to a
 * file.
 */
public final class ChartRules {
  private ChartRules() {}

  /**
   * Renders the rules with {@code prometheusRule.enabled=true} plus {@code values} (helm --set)
   * into {@code file}.
   */
  public static Path render(Path file, Map<String, String> values) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                MonitoringTools.helm().toString(),
                "template",
                "ekyc",
                ProjectFiles.path("helm/ekyc-operator").toString(),
                "--namespace",
                "ekyc-system",
                "--show-only",
                "templates/prometheusrule.yaml",
                "--set",
                "prometheusRule.enabled=true"));
    values.forEach(
        (key, value) -> {
          command.add("--set-string");
          command.add(key + "=" + value);
        });
    String rendered = Tools.run(command, Path.of("."));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode spec = yaml.readTree(rendered).path("spec");
    if (!spec.has("groups")) {
      throw new IllegalStateException("helm rendered no PrometheusRule spec.groups:\n" + rendered);
    }
    yaml.writeValue(file.toFile(), spec);
    return file;
  }

  /** One query of a dashboard panel. */
  public record PanelQuery(String panel, String expr) {}

  /**
   * Every panel query of the chart's Grafana dashboard, from the ConfigMap helm renders with {@code
   * grafanaDashboard.enabled=true}.
   */
  public static List<PanelQuery> dashboardQueries() throws IOException {
    String rendered =
        Tools.run(
            List.of(
                MonitoringTools.helm().toString(),
                "template",
                "ekyc",
                ProjectFiles.path("helm/ekyc-operator").toString(),
                "--show-only",
                "templates/grafana-dashboard.yaml",
                "--set",
                "grafanaDashboard.enabled=true"),
            Path.of("."));
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(yaml.readTree(rendered).path("data").path("ekyc-operator.json").asText());
    List<PanelQuery> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(new PanelQuery(panel.path("title").asText(), target.path("expr").asText()));
      }
    }
    if (queries.isEmpty()) {
      throw new IllegalStateException("the dashboard has no panel queries:\n" + rendered);
    }
    return queries;
  }

  /**
   * The metrics Service name the chart's EkycOperatorDown alert reads {@code up} for (release
   * "ekyc").
   */
  public static final String METRICS_JOB = "ekyc-ekyc-operator-metrics";
}
