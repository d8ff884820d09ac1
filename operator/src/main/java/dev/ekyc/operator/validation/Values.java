package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Prints manifest values inside messages: short, quoted, and the JSON type a user would recognise.
 */
final class Values {
  private static final int MAX_SHOWN = 80;

  private Values() {}

  static String quote(String text) {
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static String plain(BigDecimal number) {
    return number.stripTrailingZeros().toPlainString();
  }

  static String typeName(JsonNode value) {
    if (value.isObject()) return "object";
    if (value.isArray()) return "array";
    if (value.isTextual()) return "string";
    if (value.isBoolean()) return "boolean";
    if (value.isIntegralNumber()) return "integer";
    if (value.isNumber()) return "number";
    if (value.isNull()) return "null";
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
