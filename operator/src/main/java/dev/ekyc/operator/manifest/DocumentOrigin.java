package dev.ekyc.operator.manifest;

/**
 * Where a resource was written: the file as the user named it (or as found below a named
 * directory), the document's position in the file counting from 1, and the line the document starts
 * on.
 */
public record DocumentOrigin(String file, int document, int line) {

  /** {@code examples/x.yaml (document 2)}. */
  @Override
  public String toString() {
    return document > 0 ? file + " (document " + document + ")" : file;
  }
}
