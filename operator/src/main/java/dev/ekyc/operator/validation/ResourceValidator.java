package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates one custom resource offline against its CRD, in the API server's order: drop
 * non-nullable nulls, apply defaults, check the OpenAPI schema (and metadata), then evaluate the
 * CEL rules on the defaulted object. The caller gets the defaulted object, as the server would
 * store it, and every violation found.
 */
public final class ResourceValidator {
  private static final List<String> IMPLICIT_ROOT_FIELDS =
      List.of("apiVersion", "kind", "metadata", "status");

  private static final CelRules CEL = new CelRules();

  private final Schema root;

  /** A validator for one kind, from the CRD version's {@code openAPIV3Schema}. */
  public ResourceValidator(JsonNode openApiSchema) {
    this.root = new Schema(openApiSchema);
  }

  /**
   * The result: the object with defaults applied and {@code status} removed, and the violations.
   */
  public record Result(ObjectNode defaulted, List<Violation> violations) {
    public boolean hasErrors() {
      return violations.stream().anyMatch(Violation::isError);
    }
  }

  public Result validate(ObjectNode document) {
    ObjectNode object = document.deepCopy();
    // status is written by the operator; on create the API server drops whatever a manifest says
    // there.
    object.remove("status");
    Defaulter.apply(object, root);

    List<Violation> schemaViolations = new ArrayList<>();
    new MetadataChecker(schemaViolations).check(object.get("metadata"));
    new SchemaChecker(schemaViolations)
        .checkFields(object, root, FieldPath.ROOT, IMPLICIT_ROOT_FIELDS);

    List<Violation> ruleViolations = new ArrayList<>();
    // metadata is not in the schema, so the rule walk never enters it.
    new RuleChecker(CEL, schemaViolations, ruleViolations).check(object, root, FieldPath.ROOT);

    List<Violation> all = new ArrayList<>(schemaViolations);
    all.addAll(ruleViolations);
    return new Result(object, List.copyOf(all));
  }
}
