package dev.ekyc.operator.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Records a Kubernetes Event about a resource, for {@code kubectl describe}. Best effort: never
 * throws.
 */
public interface EventRecorder {

  enum Type {
    Normal,
    Warning
  }

  /**
   * {@code message} must not contain credentials: Events are readable by anyone who can read the
   * namespace.
   */
  void record(HasMetadata subject, Type type, String reason, String message);

  EventRecorder NONE = (subject, type, reason, message) -> {};
}
