package dev.ekyc.operator.jobrun;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One short line for an API error: the HTTP code and the server's reason, or the transport's first
 * line.
 */
final class ApiErrors {
  private ApiErrors() {}

  static String describe(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return "HTTP " + e.getCode() + " " + e.getStatus().getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "")
        + message.lines().findFirst().orElse("");
  }
}
