package dev.ekyc.operator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.ekyc.operator.api.v1alpha1.ApiConstants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the API server checks when the CRDs are installed, and what offline validation needs: every
 * pattern compiles as RE2 (the API server compiles them with Go's regexp and refuses the CRD
 * otherwise; RE2 allows repeat counts up to 1000 only), and every CEL rule compiles with the
 * library plan evaluates them with.
 */
class CrdCompatibilityTest {
  private static final CelRules CEL = new CelRules();
  private static final List<String> PLURALS =
      List.of("datastores", "retentionpolicies", "consentpolicies");

  @Test
  void everyPatternCompilesAsRe2LikeTheApiServerRequires() {
    List<String> refused = new ArrayList<>();
    for (String plural : PLURALS) {
      for (String pattern : values(CrdSchemas.crd(plural, ApiConstants.GROUP), "pattern")) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          refused.add(plural + ": " + pattern + " (" + e.getMessage() + ")");
        }
      }
    }
    assertThat(refused)
        .as(
            "patterns Go's regexp refuses: the API server would reject the CRD ('must be a valid regular"
                + " expression'); bound the length with maxLength instead of a repeat count above 1000")
        .isEmpty();
  }

  @Test
  void everyCelRuleCompilesWithTheTypeOfItsNode() {
    List<String> broken = new ArrayList<>();
    for (String plural : PLURALS) {
      collectBrokenRules(CrdSchemas.crd(plural, ApiConstants.GROUP), plural, broken);
    }
    assertThat(broken).isEmpty();
  }

  private static void collectBrokenRules(JsonNode node, String plural, List<String> broken) {
    if (node.isObject() && node.has("x-kubernetes-validations")) {
      Schema schema = new Schema(node);
      for (ValidationRule rule : schema.rules()) {
        // Evaluating against an empty value fails at run time at worst; compile errors are what
        // this test is after.
        if (CEL.evaluate(
                    rule.rule(),
                    CelValues.typeOf(schema),
                    CelValues.valueOf(emptyValue(schema), schema))
                instanceof CelRules.Unevaluable u
            && u.compileError()) {
          broken.add(plural + ": " + rule.rule() + ": " + u.reason());
        }
      }
    }
    node.forEach(child -> collectBrokenRules(child, plural, broken));
  }

  private static JsonNode emptyValue(Schema schema) {
    var factory = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    return "array".equals(schema.type()) ? factory.arrayNode() : factory.objectNode();
  }

  /**
   * Every value of {@code field} anywhere in the document (schema keywords, not property names).
   */
  private static List<String> values(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    if (node.isObject() && node.get(field) != null && node.get(field).isTextual()) {
      out.add(node.get(field).asText());
    }
    if (node.isObject() && node.has("properties")) {
      node.get("properties").forEach(p -> out.addAll(values(p, field)));
    }
    node.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("properties")) {
                out.addAll(values(e.getValue(), field));
              }
            });
    if (node.isArray()) {
      node.forEach(n -> out.addAll(values(n, field)));
    }
    return out;
  }
}
