package dev.ekyc.operator.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits one YAML file into its documents. Empty documents (only comments, or nothing between two
 * {@code ---}) are skipped but still counted, so "document 3" is the third in the file. A syntax
 * error ends the file with one finding that gives the line and column, never a stack trace.
 */
final class YamlDocuments {
  // Duplicate keys are an error, as under kubectl's strict validation; otherwise the last one would
  // win silently.
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private YamlDocuments() {}

  record Document(DocumentOrigin origin, JsonNode content) {}

  record Parsed(List<Document> documents, Finding syntaxError) {}

  static Parsed read(Path file, InputStream standardInput) throws ManifestInputException {
    boolean fromStandardInput = ManifestFiles.isStandardInput(file);
    String name = fromStandardInput ? ManifestFiles.STANDARD_INPUT_NAME : file.toString();
    List<Document> documents = new ArrayList<>();
    int index = 0;
    try (Reader reader =
            fromStandardInput
                ? utf8Reader(standardInput)
                : Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var parser = YAML.getFactory().createParser(reader);
        MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(parser)) {
      while (true) {
        try {
          if (!values.hasNextValue()) {
            break;
          }
        } catch (JsonProcessingException e) {
          return new Parsed(
              documents, syntaxError(name, index + 1, e)); // the next document is broken
        }
        index++;
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode content;
        try {
          content = values.nextValue();
        } catch (JsonProcessingException e) {
          return new Parsed(documents, syntaxError(name, index, e));
        }
        if (content != null && !content.isNull() && !content.isMissingNode()) {
          documents.add(new Document(new DocumentOrigin(name, index, line), content));
        }
      }
    } catch (JsonProcessingException e) {
      return new Parsed(documents, syntaxError(name, Math.max(index, 1), e));
    } catch (java.nio.charset.MalformedInputException e) {
      return new Parsed(documents, notUtf8(name));
    } catch (IOException e) {
      throw new ManifestInputException("cannot read " + name + ": " + e.getMessage());
    }
    return new Parsed(documents, null);
  }

  /**
   * Reports bytes that are not UTF-8 as {@link Files#newBufferedReader} does, never replaces them.
   */
  private static Reader utf8Reader(InputStream in) {
    return new BufferedReader(
        new InputStreamReader(
            in,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  private static Finding notUtf8(String file) {
    boolean stdin = ManifestFiles.STANDARD_INPUT_NAME.equals(file);
    return Finding.error(
        new DocumentOrigin(file, 0, 0),
        null,
        null,
        stdin ? "standard input is not UTF-8 text" : "the file is not UTF-8 text",
        stdin ? "pipe UTF-8 text into plan -f -" : "save it as UTF-8");
  }

  private static Finding syntaxError(String file, int document, JsonProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.nio.charset.CharacterCodingException
          || String.valueOf(c.getMessage()).contains("MalformedInputException")) {
        return notUtf8(file); // the reader's decoder refused a byte, wrapped by the YAML parser
      }
    }
    String what;
    int line;
    int column;
    if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      what = (marked.getContext() == null ? "" : marked.getContext() + ": ") + marked.getProblem();
      line = marked.getProblemMark().getLine() + 1;
      column = marked.getProblemMark().getColumn() + 1;
    } else {
      JsonLocation location = e.getLocation();
      what = firstLine(e.getOriginalMessage());
      line = location == null ? 0 : location.getLineNr();
      column = location == null ? 0 : location.getColumnNr();
    }
    String at = line > 0 ? " at line " + line + ", column " + column : "";
    return Finding.error(
        new DocumentOrigin(file, document, line),
        null,
        null,
        "YAML syntax error" + at + ": " + what,
        "fix the YAML at that line (indentation, a missing ':' or an unclosed bracket or quote are the usual causes)");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable YAML";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
