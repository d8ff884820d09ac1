package dev.ekyc.operator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs the build generated from the API classes, read from the classpath ({@code
 * META-INF/fabric8/<plural>.<group>-v1.yml}): the very schemas and rules the API server enforces.
 */
public final class CrdSchemas {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Map<String, JsonNode> CRDS = new ConcurrentHashMap<>();

  private CrdSchemas() {}

  /** The CRD of {@code plural.group}; fails when the build did not put it on the classpath. */
  public static JsonNode crd(String plural, String group) {
    String resource = "META-INF/fabric8/" + plural + "." + group + "-v1.yml";
    return CRDS.computeIfAbsent(resource, CrdSchemas::read);
  }

  /** The versions the CRD serves, e.g. [v1alpha1]. */
  public static List<String> servedVersions(String plural, String group) {
    List<String> out = new ArrayList<>();
    for (JsonNode version : crd(plural, group).path("spec").path("versions")) {
      if (version.path("served").asBoolean(true)) {
        out.add(version.path("name").asText());
      }
    }
    return out;
  }

  /** The openAPIV3Schema of one served version. */
  public static Optional<JsonNode> openApiSchema(String plural, String group, String version) {
    for (JsonNode v : crd(plural, group).path("spec").path("versions")) {
      if (version.equals(v.path("name").asText()) && v.path("served").asBoolean(true)) {
        return Optional.ofNullable(v.path("schema").get("openAPIV3Schema"));
      }
    }
    return Optional.empty();
  }

  private static JsonNode read(String resource) {
    try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the CRD "
                + resource
                + " is not on the classpath: build the operator"
                + " with Maven so the crd-generator plugin writes it");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRD " + resource, e);
    }
  }
}
