package dev.ekyc.operator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** JSON and YAML documents of {@code receipts} and {@code verify}. */
final class ReceiptsDocuments {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private ReceiptsDocuments() {}

  static String write(OutputFormat format, Object document) {
    try {
      return (format == OutputFormat.yaml ? YAML : JSON).writeValueAsString(document)
          + (format == OutputFormat.yaml ? "" : "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the document: " + e.getOriginalMessage(), e);
    }
  }
}
