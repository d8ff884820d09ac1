package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which composable index template ({@code _index_template}, Elasticsearch ≥ 7.8 and OpenSearch) a
 * new index would get: the cluster applies only the highest-priority matching one, and then ignores
 * every legacy {@code _template}, the operator's ILM template included. One read ({@code GET
 * _index_template}); a cluster without the API (6.8) answers an error, read as "none". The choice
 * itself is pure ({@link #winner}).
 */
public final class ComposableTemplates {
  private ComposableTemplates() {}

  /** A composable template: name, patterns, priority (absent = 0). */
  public record Template(String name, List<String> patterns, long priority) {}

  public static List<Template> read(SearchTransport transport) {
    SearchResponse response = transport.send(SearchRequest.get("/_index_template"));
    if (!response.ok()) {
      return List.of();
    }
    return parse(Json.parse(SearchRequest.get("/_index_template"), response));
  }

  static List<Template> parse(JsonNode answer) {
    List<Template> out = new ArrayList<>();
    for (JsonNode entry : answer.path("index_templates")) {
      List<String> patterns = new ArrayList<>();
      entry.path("index_template").path("index_patterns").forEach(p -> patterns.add(p.asText()));
      out.add(
          new Template(
              entry.path("name").asText(),
              patterns,
              entry.path("index_template").path("priority").asLong(0)));
    }
    return out;
  }

  /**
   * The template a new index of this name would get: the highest priority among those whose
   * patterns match.
   */
  public static Optional<Template> winner(List<Template> templates, String index) {
    Template best = null;
    for (Template t : templates) {
      if (t.patterns().stream().anyMatch(p -> glob(p).matcher(index).matches())
          && (best == null || t.priority() > best.priority())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (String part : pattern.split("\\*", -1)) {
      if (regex.length() > 0 || pattern.startsWith("*")) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(pattern.equals("*") ? ".*" : regex.toString());
  }
}
