package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Does to a manifest what the API server does before validating it: drops {@code null} fields that
 * are not nullable, then fills in absent fields that have a {@code default}, recursively (also
 * inside defaults, list items and map values). CEL rules then see the same object the server would
 * store.
 */
final class Defaulter {
  private Defaulter() {}

  static void apply(JsonNode value, Schema schema) {
    if (value instanceof ObjectNode object) {
      applyToObject(object, schema);
    } else if (value instanceof ArrayNode array) {
      schema.items().ifPresent(items -> array.forEach(item -> apply(item, items)));
    }
  }

  private static void applyToObject(ObjectNode object, Schema schema) {
    Map<String, Schema> properties = schema.properties();
    Optional<Schema> mapValues = schema.additionalProperties();
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      Schema field = properties.containsKey(name) ? properties.get(name) : mapValues.orElse(null);
      if (field != null && object.get(name).isNull() && !field.nullable()) {
        object.remove(name);
      }
    }
    properties.forEach(
        (name, field) -> {
          if (!object.has(name) && field.defaultValue() != null) {
            object.set(name, field.defaultValue().deepCopy());
          }
        });
    object
        .properties()
        .forEach(
            e -> {
              Schema field =
                  properties.containsKey(e.getKey())
                      ? properties.get(e.getKey())
                      : mapValues.orElse(null);
              if (field != null) {
                apply(e.getValue(), field);
              }
            });
  }
}
