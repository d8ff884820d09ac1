package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Brings what the operator wants and what the server answers into one shape, so that equal means
 * "nothing to write". Drops what the server adds on its own (versions, dates, defaults) and
 * compares ages as durations ({@code 1d} = {@code 24h}); keeps everything else, so a phase or
 * action someone added by hand is a difference.
 */
final class CanonicalForm {
  /** ISM adds this retry to every action that names none. */
  private static final JsonNode ISM_DEFAULT_RETRY =
      Json.object().put("count", 3).put("backoff", "exponential").put("delay", "1m");

  private CanonicalForm() {}

  /** An ILM policy, from the PUT body or from one entry of {@code GET _ilm/policy/<id>}. */
  static JsonNode ilmPolicy(JsonNode bodyOrEntry) {
    ObjectNode policy = copyOfObject(bodyOrEntry.path("policy"));
    JsonNode phases = policy.path("phases");
    if (phases instanceof ObjectNode phaseObjects) {
      for (JsonNode phase : iterable(phaseObjects.elements())) {
        if (phase instanceof ObjectNode p) {
          p.set("min_age", age(p.get("min_age")));
          JsonNode delete = p.path("actions").path("delete");
          if (delete instanceof ObjectNode d
              && d.path("delete_searchable_snapshot").asBoolean(false)) {
            d.remove("delete_searchable_snapshot"); // 7.8+ default
          }
        }
      }
    }
    return policy;
  }

  /**
   * A legacy index template, from the PUT body or from one entry of {@code GET _template/<name>}.
   */
  static JsonNode legacyTemplate(JsonNode bodyOrEntry) {
    ObjectNode out = Json.object();
    out.put("order", bodyOrEntry.path("order").asInt(0));
    List<String> patterns = new ArrayList<>();
    bodyOrEntry.path("index_patterns").forEach(p -> patterns.add(p.asText()));
    if (bodyOrEntry.path("template").isTextual()) {
      patterns.add(bodyOrEntry.path("template").asText()); // pre-6 spelling
    }
    patterns.sort(null);
    out.set("index_patterns", Json.array(patterns.toArray(String[]::new)));
    ObjectNode settings = out.putObject("settings");
    flatten("", bodyOrEntry.path("settings"), settings);
    copyIfNotEmpty(bodyOrEntry, "mappings", out);
    copyIfNotEmpty(bodyOrEntry, "aliases", out);
    if (bodyOrEntry.hasNonNull("version")) {
      out.set("version", bodyOrEntry.get("version"));
    }
    return out;
  }

  /** An ISM policy, from the PUT body or from {@code GET _plugins/_ism/policies/<id>}. */
  static JsonNode ismPolicy(JsonNode bodyOrResponse) {
    ObjectNode policy = copyOfObject(bodyOrResponse.path("policy"));
    policy.remove(List.of("policy_id", "last_updated_time", "schema_version", "user"));
    removeIfNull(policy, "error_notification");
    removeIfNull(policy, "ism_template");
    JsonNode template = policy.get("ism_template");
    if (template instanceof ObjectNode single) {
      policy.putArray("ism_template").add(single); // one template may come back unwrapped
    }
    for (JsonNode t : policy.path("ism_template")) {
      if (t instanceof ObjectNode o) {
        o.remove("last_updated_time");
      }
    }
    for (JsonNode state : policy.path("states")) {
      for (JsonNode action : state.path("actions")) {
        if (action instanceof ObjectNode a && ISM_DEFAULT_RETRY.equals(a.get("retry"))) {
          a.remove("retry");
        }
        // OpenSearch 2.x adds copy_alias: false to a rollover action (its default).
        if (action instanceof ObjectNode a
            && a.get("rollover") instanceof ObjectNode r
            && r.has("copy_alias")
            && !r.get("copy_alias").asBoolean()) {
          r.remove("copy_alias");
        }
      }
      for (JsonNode transition : state.path("transitions")) {
        JsonNode conditions = transition.path("conditions");
        if (conditions instanceof ObjectNode c && c.has("min_index_age")) {
          c.set("min_index_age", age(c.get("min_index_age")));
        }
        if (conditions instanceof ObjectNode c && c.has("min_rollover_age")) {
          c.set("min_rollover_age", age(c.get("min_rollover_age")));
        }
      }
    }
    return policy;
  }

  /** Ages as milliseconds (absent = 0, as ILM reads it); text that is no time value stays text. */
  private static JsonNode age(JsonNode value) {
    if (value == null || value.isNull()) {
      return JsonNodeFactory.instance.numberNode(0L);
    }
    Duration parsed = LifecycleAge.parse(value.asText());
    return parsed == null ? value : JsonNodeFactory.instance.numberNode(parsed.toMillis());
  }

  private static void flatten(String prefix, JsonNode node, ObjectNode into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : iterable(node.fields())) {
        flatten(prefix + field.getKey() + ".", field.getValue(), into);
      }
    } else if (!node.isMissingNode() && !node.isNull()) {
      String key = prefix.substring(0, prefix.length() - 1);
      // The server stores template settings with the "index." prefix and every value as text.
      into.put(
          key.startsWith("index.") ? key : "index." + key,
          node.isArray() ? node.toString() : node.asText());
    }
  }

  private static void copyIfNotEmpty(JsonNode from, String field, ObjectNode into) {
    JsonNode value = from.get(field);
    if (value != null && !value.isNull() && value.size() > 0) {
      into.set(field, value.deepCopy());
    }
  }

  private static void removeIfNull(ObjectNode node, String field) {
    if (node.has(field) && node.get(field).isNull()) {
      node.remove(field);
    }
  }

  private static ObjectNode copyOfObject(JsonNode node) {
    return node instanceof ObjectNode o ? o.deepCopy() : Json.object();
  }

  private static <T> Iterable<T> iterable(Iterator<T> iterator) {
    List<T> items = new ArrayList<>();
    iterator.forEachRemaining(items::add);
    return items;
  }
}
