package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A manifest built in a test: a YAML base, then fields set or removed by path ({@code
 * spec.rules[0].table}), with values written in YAML flow style. Each call returns a new manifest,
 * so one base serves many cases.
 */
final class TestManifest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

  private final ObjectNode root;

  private TestManifest(ObjectNode root) {
    this.root = root;
  }

  static TestManifest of(String yaml) {
    return new TestManifest((ObjectNode) parse(yaml));
  }

  TestManifest set(String path, String yamlValue) {
    ObjectNode copy = root.deepCopy();
    List<Object> steps = steps(path);
    JsonNode parent = walk(copy, steps.subList(0, steps.size() - 1));
    Object last = steps.get(steps.size() - 1);
    JsonNode value = parse(yamlValue);
    if (last instanceof Integer i) {
      ArrayNode array = (ArrayNode) parent;
      if (i < array.size()) {
        array.set(i, value);
      } else {
        array.add(value);
      }
    } else {
      ((ObjectNode) parent).set((String) last, value);
    }
    return new TestManifest(copy);
  }

  TestManifest remove(String path) {
    ObjectNode copy = root.deepCopy();
    List<Object> steps = steps(path);
    JsonNode parent = walk(copy, steps.subList(0, steps.size() - 1));
    Object last = steps.get(steps.size() - 1);
    if (last instanceof Integer i) {
      ((ArrayNode) parent).remove(i);
    } else {
      ((ObjectNode) parent).remove((String) last);
    }
    return new TestManifest(copy);
  }

  ObjectNode node() {
    return root.deepCopy();
  }

  String kind() {
    return root.path("kind").asText();
  }

  private static JsonNode walk(JsonNode node, List<Object> steps) {
    JsonNode current = node;
    for (Object step : steps) {
      current = step instanceof Integer i ? current.get(i) : current.get((String) step);
      if (current == null) {
        throw new IllegalArgumentException("no such field in the test manifest: " + steps);
      }
    }
    return current;
  }

  private static List<Object> steps(String path) {
    Matcher m = STEP.matcher(path);
    List<Object> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
    }
    return out;
  }

  private static JsonNode parse(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
