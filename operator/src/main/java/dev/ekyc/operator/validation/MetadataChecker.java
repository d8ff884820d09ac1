package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks {@code metadata} the way the API server does for any namespaced object (CRD schemas leave
 * it out): a name that is a DNS subdomain, a namespace that is a DNS label, string labels and
 * annotations, and no fields ObjectMeta does not have.
 */
final class MetadataChecker {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Set<String> OBJECT_META_FIELDS =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "labels",
          "annotations",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "finalizers",
          "ownerReferences",
          "managedFields",
          "selfLink");

  private final List<Violation> out;

  MetadataChecker(List<Violation> out) {
    this.out = out;
  }

  void check(JsonNode metadata) {
    FieldPath path = FieldPath.ROOT.child("metadata");
    if (metadata == null || metadata.isNull()) {
      invalid(
          path.child("name"),
          "required field is missing",
          "give the resource a name under metadata.name");
      return;
    }
    if (!metadata.isObject()) {
      out.add(
          new Violation(
              Violation.Kind.WRONG_TYPE,
              path,
              "must be an object (a mapping)",
              "write metadata: {name: ..., namespace: ...}"));
      return;
    }
    metadata
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!OBJECT_META_FIELDS.contains(name)) {
                invalid(
                    path.child(name),
                    "unknown field \"" + name + "\"",
                    Suggestions.forUnknownField(
                        name, List.of("name", "namespace", "labels", "annotations")));
              }
            });
    checkName(metadata.get("name"), path.child("name"));
    JsonNode namespace = metadata.get("namespace");
    if (namespace != null && !namespace.isNull()) {
      checkText(
          namespace,
          path.child("namespace"),
          DNS_LABEL,
          63,
          "a DNS label: lower-case letters, digits and" + " hyphens, at most 63 characters");
    }
    checkStringMap(metadata.get("labels"), path.child("labels"));
    checkStringMap(metadata.get("annotations"), path.child("annotations"));
  }

  private void checkName(JsonNode name, FieldPath path) {
    if (name == null || name.isNull() || (name.isTextual() && name.textValue().isEmpty())) {
      invalid(
          path,
          "required field is missing",
          "give the resource a name (plan cannot use generateName)");
      return;
    }
    checkText(
        name,
        path,
        DNS_SUBDOMAIN,
        253,
        "a DNS subdomain: lower-case letters, digits, '-' and '.', starting"
            + " and ending with a letter or digit, at most 253 characters");
  }

  private void checkText(
      JsonNode value, FieldPath path, Pattern pattern, int maxLength, String expected) {
    if (!value.isTextual()) {
      out.add(
          new Violation(
              Violation.Kind.WRONG_TYPE,
              path,
              "must be a string, not " + Values.typeName(value),
              "use " + expected));
      return;
    }
    String text = value.textValue();
    if (text.length() > maxLength || !pattern.matcher(text).matches()) {
      invalid(path, "invalid value " + Values.quote(text) + ": must be " + expected, null);
    }
  }

  private void checkStringMap(JsonNode map, FieldPath path) {
    if (map == null || map.isNull()) {
      return;
    }
    if (!map.isObject()) {
      out.add(new Violation(Violation.Kind.WRONG_TYPE, path, "must be a map of strings", null));
      return;
    }
    map.properties()
        .forEach(
            e -> {
              if (!e.getValue().isTextual()) {
                out.add(
                    new Violation(
                        Violation.Kind.WRONG_TYPE,
                        path.key(e.getKey()),
                        "must be a string, not " + Values.typeName(e.getValue()),
                        "quote the value"));
              }
            });
  }

  private void invalid(FieldPath path, String message, String fix) {
    out.add(new Violation(Violation.Kind.INVALID, path, message, fix));
  }
}
