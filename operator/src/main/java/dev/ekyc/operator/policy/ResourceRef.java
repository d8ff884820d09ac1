package dev.ekyc.operator.policy;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Names a resource in messages: kind/namespace/name. */
public record ResourceRef(String kind, String namespace, String name) {

  public static ResourceRef of(HasMetadata resource) {
    return new ResourceRef(
        resource.getKind(),
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace == null || namespace.isEmpty()
        ? kind + "/" + name
        : kind + "/" + namespace + "/" + name;
  }
}
