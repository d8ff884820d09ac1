package dev.ekyc.operator.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.policy.ResourceRef;
import dev.ekyc.operator.validation.CrdSchemas;
import dev.ekyc.operator.validation.ResourceValidator;
import dev.ekyc.operator.validation.Violation;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads manifests the way {@code kubectl apply -f} would send them: every document of every file,
 * ekyc.dev resources validated against their CRDs (schema, defaults, CEL rules) and turned into API
 * objects; other kinds (Secret, Namespace, ...) are skipped with a note. Namespace-less resources
 * get the {@code --namespace} value, else {@code default}.
 */
public final class ManifestLoader {
  public static final String DEFAULT_NAMESPACE = "default";
  private static final Logger LOG = LoggerFactory.getLogger(ManifestLoader.class);
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final String namespace;
  private final InputStream standardInput;
  private final Map<String, ResourceValidator> validators = new LinkedHashMap<>();

  /** {@code namespace} is the --namespace flag, or null when it was not given. */
  public ManifestLoader(String namespace) {
    this(namespace, System.in);
  }

  /** {@code standardInput} is what {@code -f -} reads. */
  public ManifestLoader(String namespace, InputStream standardInput) {
    this.namespace = namespace;
    this.standardInput = standardInput;
  }

  public LoadedManifests load(List<Path> paths) throws ManifestInputException {
    Collected collected = new Collected();
    for (Path file : ManifestFiles.expand(paths)) {
      LOG.debug("reading {}", file);
      YamlDocuments.Parsed parsed = YamlDocuments.read(file, standardInput);
      parsed.documents().forEach(d -> classify(d.content(), d.origin(), collected));
      if (parsed.syntaxError() != null) {
        collected.findings.add(parsed.syntaxError());
      }
    }
    return new LoadedManifests(
        collected.stores,
        collected.retentionPolicies,
        collected.consentPolicies,
        collected.origins,
        collected.findings);
  }

  private void classify(JsonNode document, DocumentOrigin origin, Collected out) {
    if (!document.isObject()) {
      out.findings.add(
          Finding.error(
              origin,
              null,
              null,
              "the document is a " + describeType(document) + ", not a resource",
              "write a mapping with apiVersion, kind, metadata and spec"));
      return;
    }
    String apiVersion = text(document, "apiVersion");
    String kind = text(document, "kind");
    if (apiVersion == null || kind == null) {
      String missing = apiVersion == null ? "apiVersion" : "kind";
      out.findings.add(
          Finding.error(
              origin,
              null,
              missing,
              "required field is missing",
              "every document needs apiVersion and kind, e.g. apiVersion: ekyc.dev/v1alpha1, kind: RetentionPolicy"));
      return;
    }
    if ("v1".equals(apiVersion) && "List".equals(kind)) {
      document.path("items").forEach(item -> classify(item, origin, out));
      return;
    }
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    Optional<ResourceKind> ours = ResourceKind.of(kind);
    String label = label(kind, document);
    if (!group.equals(ResourceKind.GROUP)) {
      if (ours.isPresent()) {
        out.findings.add(
            new Finding(
                Severity.WARNING,
                origin,
                label,
                "apiVersion",
                "apiVersion "
                    + apiVersion
                    + " is not the ekyc.dev API, so this "
                    + kind
                    + " is ignored",
                "use apiVersion: "
                    + ResourceKind.GROUP
                    + "/"
                    + CrdSchemas.servedVersions(ours.get().plural(), ResourceKind.GROUP).get(0)));
      } else {
        out.findings.add(
            new Finding(
                Severity.NOTE,
                origin,
                label,
                null,
                "not an ekyc.dev resource (" + apiVersion + "), ignored by plan",
                null));
      }
      return;
    }
    if (ours.isEmpty()) {
      String suggestion =
          ResourceKind.kindNames().stream()
              .filter(k -> k.equalsIgnoreCase(kind))
              .findFirst()
              .map(k -> "did you mean " + k + "? ")
              .orElse("");
      out.findings.add(
          Finding.error(
              origin,
              label,
              "kind",
              "ekyc.dev has no kind " + kind,
              suggestion + "ekyc.dev kinds: " + String.join(", ", ResourceKind.kindNames())));
      return;
    }
    List<String> served = CrdSchemas.servedVersions(ours.get().plural(), ResourceKind.GROUP);
    if (!served.contains(version)) {
      out.findings.add(
          Finding.error(
              origin,
              label,
              "apiVersion",
              apiVersion + " is not a served version of " + kind,
              "use apiVersion: " + ResourceKind.GROUP + "/" + served.get(0)));
      return;
    }
    accept(ours.get(), version, (ObjectNode) document, origin, out);
  }

  private void accept(
      ResourceKind kind,
      String version,
      ObjectNode document,
      DocumentOrigin origin,
      Collected out) {
    String declaredNamespace = text(document.path("metadata"), "namespace");
    String effectiveNamespace =
        declaredNamespace != null
            ? declaredNamespace
            : namespace != null ? namespace : DEFAULT_NAMESPACE;
    String name = text(document.path("metadata"), "name");
    ResourceRef ref =
        new ResourceRef(kind.kind(), effectiveNamespace, name == null ? "<unnamed>" : name);
    ResourceValidator.Result result = validator(kind, version).validate(document);
    boolean valid = !result.hasErrors();
    for (Violation violation : result.violations()) {
      out.findings.add(Finding.of(violation, origin, ref.toString()));
    }
    if (namespace != null && declaredNamespace != null && !declaredNamespace.equals(namespace)) {
      // kubectl refuses the same mismatch, so plan does too.
      out.findings.add(
          Finding.error(
              origin,
              ref.toString(),
              "metadata.namespace",
              "the namespace " + declaredNamespace + " does not match --namespace " + namespace,
              "drop --namespace, pass --namespace "
                  + declaredNamespace
                  + ", or remove metadata.namespace"));
      valid = false;
    }
    DocumentOrigin earlier = out.origins.get(ref);
    if (earlier != null) {
      out.findings.add(
          Finding.error(
              origin,
              ref.toString(),
              null,
              "defined twice: also in " + earlier,
              "keep one definition; applied together, the later would replace the earlier"));
      return;
    }
    if (!valid) {
      return;
    }
    ObjectNode stored = result.defaulted();
    ((ObjectNode) stored.get("metadata")).put("namespace", effectiveNamespace);
    try {
      switch (kind) {
        case DATA_STORE -> out.stores.add(SERIALIZATION.convertValue(stored, DataStore.class));
        case RETENTION_POLICY ->
            out.retentionPolicies.add(SERIALIZATION.convertValue(stored, RetentionPolicy.class));
        case CONSENT_POLICY ->
            out.consentPolicies.add(SERIALIZATION.convertValue(stored, ConsentPolicy.class));
      }
      out.origins.put(ref, origin);
    } catch (IllegalArgumentException e) {
      // The schema passed, so this means the API classes and the CRD disagree: say so rather than
      // crash.
      out.findings.add(
          Finding.error(
              origin,
              ref.toString(),
              null,
              "passes the CRD but cannot be read as a " + kind.kind() + ": " + e.getMessage(),
              "report this as a bug: the CRD and the API classes disagree"));
    }
  }

  private ResourceValidator validator(ResourceKind kind, String version) {
    return validators.computeIfAbsent(
        kind.plural() + "/" + version,
        key ->
            new ResourceValidator(
                CrdSchemas.openApiSchema(kind.plural(), ResourceKind.GROUP, version)
                    .orElseThrow()));
  }

  private String label(String kind, JsonNode document) {
    String name = text(document.path("metadata"), "name");
    String ns = text(document.path("metadata"), "namespace");
    if (ns == null && ResourceKind.of(kind).isPresent()) {
      ns = namespace != null ? namespace : DEFAULT_NAMESPACE;
    }
    return new ResourceRef(kind, ns, name == null ? "<unnamed>" : name).toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() && !value.textValue().isEmpty()
        ? value.textValue()
        : null;
  }

  private static String describeType(JsonNode node) {
    return node.isArray()
        ? "list"
        : node.isTextual()
            ? "string"
            : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What has been read so far. */
  private static final class Collected {
    final List<DataStore> stores = new ArrayList<>();
    final List<RetentionPolicy> retentionPolicies = new ArrayList<>();
    final List<ConsentPolicy> consentPolicies = new ArrayList<>();
    final Map<ResourceRef, DocumentOrigin> origins = new LinkedHashMap<>();
    final List<Finding> findings = new ArrayList<>();
  }
}
