package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Checks a value against the OpenAPI constraints of its schema node, recursively: type, required
 * fields, enum, pattern, bounds, lengths, item and entry counts, and unknown fields (which the API
 * server rejects under strict field validation, so a typo never silently disappears). Patterns use
 * RE2 syntax, as the API server's Go regexp does.
 */
final class SchemaChecker {
  private static final Map<String, Predicate<String>> PATTERNS = new ConcurrentHashMap<>();

  private final List<Violation> out;

  SchemaChecker(List<Violation> out) {
    this.out = out;
  }

  void check(JsonNode value, Schema schema, FieldPath path) {
    if (value.isNull()) {
      if (!schema.nullable()) {
        add(Violation.Kind.WRONG_TYPE, path, "must not be null", schema.description());
      }
      return;
    }
    if (!hasDeclaredType(value, schema)) {
      String expected = schema.intOrString() ? "an integer or a string" : article(schema.type());
      add(
          Violation.Kind.WRONG_TYPE,
          path,
          "must be " + expected + ", not " + article(Values.typeName(value)),
          typeFix(value, schema));
      return;
    }
    checkEnum(value, schema, path);
    if (value.isTextual()) {
      checkString(value.textValue(), schema, path);
    } else if (value.isNumber()) {
      checkNumber(value.decimalValue(), schema, path);
    } else if (value.isArray()) {
      checkArray(value, schema, path);
    } else if (value.isObject()) {
      checkObject(value, schema, path);
    }
  }

  /**
   * Checks an object's fields; {@code implicit} names fields another checker owns (metadata,
   * apiVersion...).
   */
  void checkFields(JsonNode object, Schema schema, FieldPath path, List<String> implicit) {
    Map<String, Schema> properties = schema.properties();
    Optional<Schema> mapValues = schema.additionalProperties();
    for (String name : schema.required()) {
      if (!object.has(name)) {
        Schema field = properties.get(name);
        add(
            Violation.Kind.INVALID,
            path.child(name),
            "required field is missing",
            field == null || field.description() == null
                ? "add the field"
                : "add it: " + field.description());
      }
    }
    object
        .properties()
        .forEach(
            e -> {
              String name = e.getKey();
              if (implicit.contains(name)) {
                return;
              }
              if (properties.containsKey(name)) {
                check(e.getValue(), properties.get(name), path.child(name));
              } else if (mapValues.isPresent()) {
                check(e.getValue(), mapValues.get(), path.key(name));
              } else if (!schema.preservesUnknownFields()) {
                add(
                    Violation.Kind.INVALID,
                    path.child(name),
                    "unknown field \"" + name + "\"",
                    Suggestions.forUnknownField(name, properties.keySet()));
              }
            });
  }

  private void checkObject(JsonNode object, Schema schema, FieldPath path) {
    int size = object.size();
    if (schema.minProperties() != null && size < schema.minProperties()) {
      add(
          Violation.Kind.INVALID,
          path,
          "must have at least "
              + count(schema.minProperties(), "entry", "entries")
              + ", has "
              + size,
          schema.description());
    }
    if (schema.maxProperties() != null && size > schema.maxProperties()) {
      add(
          Violation.Kind.INVALID,
          path,
          "must have at most "
              + count(schema.maxProperties(), "entry", "entries")
              + ", has "
              + size,
          schema.description());
    }
    checkFields(object, schema, path, List.of());
  }

  private void checkArray(JsonNode array, Schema schema, FieldPath path) {
    int size = array.size();
    if (schema.minItems() != null && size < schema.minItems()) {
      add(
          Violation.Kind.INVALID,
          path,
          "must have at least " + count(schema.minItems(), "item", "items") + ", has " + size,
          schema.description());
    }
    if (schema.maxItems() != null && size > schema.maxItems()) {
      add(
          Violation.Kind.INVALID,
          path,
          "must have at most " + count(schema.maxItems(), "item", "items") + ", has " + size,
          schema.description());
    }
    schema
        .items()
        .ifPresent(
            items -> {
              for (int i = 0; i < size; i++) {
                check(array.get(i), items, path.index(i));
              }
            });
  }

  private void checkString(String text, Schema schema, FieldPath path) {
    int length = text.codePointCount(0, text.length());
    if (schema.minLength() != null && length < schema.minLength()) {
      add(
          Violation.Kind.INVALID,
          path,
          "must be at least "
              + count(schema.minLength(), "character", "characters")
              + " long, is "
              + length,
          schema.description());
    }
    if (schema.maxLength() != null && length > schema.maxLength()) {
      add(
          Violation.Kind.INVALID,
          path,
          "must be at most "
              + count(schema.maxLength(), "character", "characters")
              + " long, is "
              + length,
          schema.description());
    }
    String pattern = schema.pattern();
    if (pattern != null && !matches(pattern, text)) {
      add(
          Violation.Kind.INVALID,
          path,
          "invalid value " + Values.quote(text) + ": must match " + pattern,
          schema.description());
    }
  }

  private void checkNumber(BigDecimal number, Schema schema, FieldPath path) {
    BigDecimal min = schema.minimum();
    if (min != null
        && (schema.exclusiveMinimum() ? number.compareTo(min) <= 0 : number.compareTo(min) < 0)) {
      add(
          Violation.Kind.INVALID,
          path,
          "must be "
              + (schema.exclusiveMinimum() ? "greater than " : "at least ")
              + Values.plain(min)
              + ", is "
              + Values.plain(number),
          schema.description());
    }
    BigDecimal max = schema.maximum();
    if (max != null
        && (schema.exclusiveMaximum() ? number.compareTo(max) >= 0 : number.compareTo(max) > 0)) {
      add(
          Violation.Kind.INVALID,
          path,
          "must be "
              + (schema.exclusiveMaximum() ? "less than " : "at most ")
              + Values.plain(max)
              + ", is "
              + Values.plain(number),
          schema.description());
    }
  }

  private void checkEnum(JsonNode value, Schema schema, FieldPath path) {
    List<JsonNode> allowed = schema.enumValues();
    if (allowed.isEmpty() || allowed.contains(value)) {
      return;
    }
    List<String> names = allowed.stream().map(JsonNode::asText).toList();
    String suggestion = Suggestions.closest(value.asText(), names);
    add(
        Violation.Kind.INVALID,
        path,
        "unsupported value "
            + Values.quote(value.asText())
            + ": use one of "
            + String.join(", ", names),
        suggestion != null ? "did you mean " + suggestion + "?" : schema.description());
  }

  private boolean hasDeclaredType(JsonNode value, Schema schema) {
    if (schema.intOrString()) {
      return value.isIntegralNumber() || value.isTextual();
    }
    String type = schema.type();
    if (type == null) {
      return true;
    }
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "integer" ->
          value.isIntegralNumber()
              || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> value.isNumber();
      default -> true;
    };
  }

  private static String typeFix(JsonNode value, Schema schema) {
    String description = schema.description();
    String about = description == null ? "" : ". " + description;
    if ("string".equals(schema.type()) && value.isNumber()) {
      return "quote the value, e.g. \"" + value.asText() + "\"" + about;
    }
    if ("string".equals(schema.type()) && value.isBoolean()) {
      // YAML 1.1, which Kubernetes reads, takes unquoted yes, no, on, off, true and false as
      // booleans (NO!).
      return "quote the value: YAML reads unquoted yes, no, on, off, true and false as booleans"
          + about;
    }
    return description;
  }

  private static boolean matches(String pattern, String text) {
    return PATTERNS.computeIfAbsent(pattern, SchemaChecker::compile).test(text);
  }

  /**
   * RE2, as the API server's Go regexp. A pattern RE2 refuses (say a repeat count above 1000) makes
   * the API server refuse the whole CRD; CrdPatternsTest catches that. Until it is fixed, Java's
   * regex still holds the manifest to the intended rule.
   */
  private static Predicate<String> compile(String pattern) {
    try {
      Pattern re2 = Pattern.compile(pattern);
      return text -> re2.matcher(text).find();
    } catch (PatternSyntaxException e) {
      java.util.regex.Pattern javaRegex = java.util.regex.Pattern.compile(pattern);
      return text -> javaRegex.matcher(text).find();
    }
  }

  private void add(Violation.Kind kind, FieldPath path, String message, String fix) {
    out.add(new Violation(kind, path, message, fix));
  }

  private static String article(String type) {
    if (type == null) {
      return "a value";
    }
    return switch (type) {
      case "object" -> "an object (a mapping)";
      case "array" -> "an array (a list)";
      case "integer" -> "an integer";
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
