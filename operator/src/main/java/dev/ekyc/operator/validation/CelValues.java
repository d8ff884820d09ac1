package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a manifest node into what a CEL rule sees as {@code self}, typed by its schema the way the
 * API server types it: objects and maps as maps keyed by field name, arrays as lists, integers as
 * int, numbers as double.
 */
final class CelValues {
  private CelValues() {}

  static CelType typeOf(Schema schema) {
    if (schema.intOrString()) {
      return SimpleType.DYN;
    }
    String type = schema.type();
    if (type == null) {
      return SimpleType.DYN;
    }
    return switch (type) {
      case "string" -> SimpleType.STRING;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "array" -> ListType.create(schema.items().map(CelValues::typeOf).orElse(SimpleType.DYN));
      case "object" ->
          MapType.create(
              SimpleType.STRING,
              schema.properties().isEmpty()
                  ? schema.additionalProperties().map(CelValues::typeOf).orElse(SimpleType.DYN)
                  : SimpleType.DYN);
      default -> SimpleType.DYN;
    };
  }

  static Object valueOf(JsonNode node, Schema schema) {
    if (node == null || node.isNull()) {
      return NullValue.NULL_VALUE;
    }
    if (node.isObject()) {
      Map<String, Schema> properties = schema == null ? Map.of() : schema.properties();
      Optional<Schema> values = schema == null ? Optional.empty() : schema.additionalProperties();
      Map<String, Object> out = new LinkedHashMap<>();
      node.properties()
          .forEach(
              e ->
                  out.put(
                      e.getKey(),
                      valueOf(
                          e.getValue(),
                          properties.containsKey(e.getKey())
                              ? properties.get(e.getKey())
                              : values.orElse(null))));
      return out;
    }
    if (node.isArray()) {
      Schema items = schema == null ? null : schema.items().orElse(null);
      List<Object> out = new ArrayList<>();
      node.forEach(item -> out.add(valueOf(item, items)));
      return out;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      boolean declaredNumber = schema != null && "number".equals(schema.type());
      return node.isIntegralNumber() && !declaredNumber
          ? (Object) node.longValue()
          : (Object) node.doubleValue();
    }
    return node.asText();
  }
}
