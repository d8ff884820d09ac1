package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only view of one node of a CRD's structural openAPIV3Schema. */
final class Schema {
  private final JsonNode node;

  Schema(JsonNode node) {
    this.node = node;
  }

  /**
   * The declared type (object, array, string, integer, number, boolean), or null when none is
   * declared.
   */
  String type() {
    return text("type");
  }

  boolean intOrString() {
    return node.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  boolean preservesUnknownFields() {
    return node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  boolean nullable() {
    return node.path("nullable").asBoolean(false);
  }

  String description() {
    return text("description");
  }

  Map<String, Schema> properties() {
    Map<String, Schema> out = new LinkedHashMap<>();
    node.path("properties")
        .properties()
        .forEach(e -> out.put(e.getKey(), new Schema(e.getValue())));
    return out;
  }

  /**
   * The schema of map values, when the object is a map ({@code additionalProperties} with a
   * schema).
   */
  Optional<Schema> additionalProperties() {
    JsonNode ap = node.get("additionalProperties");
    return ap != null && ap.isObject() ? Optional.of(new Schema(ap)) : Optional.empty();
  }

  Optional<Schema> items() {
    JsonNode items = node.get("items");
    return items != null && items.isObject() ? Optional.of(new Schema(items)) : Optional.empty();
  }

  List<String> required() {
    List<String> out = new ArrayList<>();
    node.path("required").forEach(r -> out.add(r.asText()));
    return out;
  }

  List<JsonNode> enumValues() {
    List<JsonNode> out = new ArrayList<>();
    node.path("enum").forEach(out::add);
    return out;
  }

  String pattern() {
    return text("pattern");
  }

  BigDecimal minimum() {
    return decimal("minimum");
  }

  BigDecimal maximum() {
    return decimal("maximum");
  }

  boolean exclusiveMinimum() {
    return node.path("exclusiveMinimum").asBoolean(false);
  }

  boolean exclusiveMaximum() {
    return node.path("exclusiveMaximum").asBoolean(false);
  }

  Long minLength() {
    return integer("minLength");
  }

  Long maxLength() {
    return integer("maxLength");
  }

  Long minItems() {
    return integer("minItems");
  }

  Long maxItems() {
    return integer("maxItems");
  }

  Long minProperties() {
    return integer("minProperties");
  }

  Long maxProperties() {
    return integer("maxProperties");
  }

  /** The {@code default} value, or null when the field has none. */
  JsonNode defaultValue() {
    return node.get("default");
  }

  List<ValidationRule> rules() {
    List<ValidationRule> out = new ArrayList<>();
    for (JsonNode r : node.path("x-kubernetes-validations")) {
      out.add(
          new ValidationRule(
              r.path("rule").asText(),
              textOf(r, "message"),
              textOf(r, "messageExpression"),
              textOf(r, "fieldPath")));
    }
    return out;
  }

  private String text(String field) {
    return textOf(node, field);
  }

  private static String textOf(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private BigDecimal decimal(String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.decimalValue() : null;
  }

  private Long integer(String field) {
    JsonNode v = node.get(field);
    return v != null && v.isNumber() ? v.longValue() : null;
  }
}
