package dev.ekyc.operator.manifest;

/**
 * A path given with -f that cannot be used: it does not exist, cannot be read, or holds no
 * manifests.
 */
public final class ManifestInputException extends Exception {
  public ManifestInputException(String message) {
    super(message);
  }
}
