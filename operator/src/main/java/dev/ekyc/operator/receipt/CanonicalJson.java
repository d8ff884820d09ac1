package dev.ekyc.operator.receipt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The receipts' canonical JSON (docs/receipts.md): a subset of RFC 8785 (JCS). Values are objects,
 * strings, integers within ±(2^53 - 1) and booleans; no arrays, floats or nulls (an absent value is
 * left out). Keys are ASCII letters, digits, '.', '_' and '-', sorted, so byte order and JCS's
 * UTF-16 order agree. No whitespace; strings escape only '"', '\' and control characters (as \b \f
 * \n \r \t or \\u00xx), everything else is literal UTF-8. Any implementation that follows these
 * rules produces the same bytes, and so the same leaf hash.
 */
public final class CanonicalJson {
  static final long MAX_INTEGER = (1L << 53) - 1;

  private CanonicalJson() {}

  public static byte[] write(SortedMap<String, Object> object) {
    StringBuilder out = new StringBuilder();
    writeObject(object, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static void writeObject(SortedMap<String, Object> object, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : object.entrySet()) {
      checkKey(e.getKey());
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(e.getKey(), out);
      out.append(':');
      Object v = e.getValue();
      if (v instanceof SortedMap<?, ?> m) {
        writeObject((SortedMap<String, Object>) m, out);
      } else if (v instanceof String s) {
        writeString(s, out);
      } else if (v instanceof Long || v instanceof Integer) {
        long n = ((Number) v).longValue();
        if (Math.abs(n) > MAX_INTEGER) {
          throw new IllegalArgumentException(
              e.getKey() + ": " + n + " is outside the exact JSON integers");
        }
        out.append(n);
      } else if (v instanceof Boolean b) {
        out.append(b);
      } else {
        throw new IllegalArgumentException(e.getKey() + ": canonical receipts hold no " + v);
      }
    }
    out.append('}');
  }

  static void checkKey(String key) {
    if (key.isEmpty()
        || !key.chars()
            .allMatch(
                c ->
                    c < 128
                        && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))) {
      throw new IllegalArgumentException(
          "a receipt key is ASCII letters, digits, '.', '_' or '-': '" + key + "'");
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Reads a document of the subset; anything outside it is an error naming what was found. */
  public static SortedMap<String, Object> read(byte[] json) {
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("a receipt is a JSON object");
      }
      SortedMap<String, Object> object = readObject(parser);
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("text after the receipt's closing brace");
      }
      return object;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
  }

  private static long exactInteger(String key, long n) {
    if (Math.abs(n) > MAX_INTEGER) {
      throw new IllegalArgumentException(key + ": " + n + " is outside the exact JSON integers");
    }
    return n;
  }

  private static SortedMap<String, Object> readObject(JsonParser parser) throws IOException {
    SortedMap<String, Object> object = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      checkKey(key);
      JsonToken token = parser.nextToken();
      Object value =
          switch (token) {
            case START_OBJECT -> readObject(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> exactInteger(key, parser.getLongValue());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default ->
                throw new IllegalArgumentException(key + ": canonical receipts hold no " + token);
          };
      if (object.put(key, value) != null) {
        throw new IllegalArgumentException("key " + key + " appears twice");
      }
    }
    return object;
  }
}
