package dev.ekyc.operator.manifest;

import dev.ekyc.operator.api.v1alpha1.ConsentPolicy;
import dev.ekyc.operator.api.v1alpha1.DataStore;
import dev.ekyc.operator.api.v1alpha1.RetentionPolicy;
import dev.ekyc.operator.policy.PolicyInputs;
import dev.ekyc.operator.policy.Problem;
import dev.ekyc.operator.policy.ResourceRef;
import java.util.List;
import java.util.Map;

/**
 * The ekyc.dev resources read from the manifests, defaulted and validated as the API server would
 * store them, where each was written, and everything found on the way. Only valid resources are in
 * the lists.
 */
public record LoadedManifests(
    List<DataStore> stores,
    List<RetentionPolicy> retentionPolicies,
    List<ConsentPolicy> consentPolicies,
    Map<ResourceRef, DocumentOrigin> origins,
    List<Finding> findings) {

  public LoadedManifests {
    stores = List.copyOf(stores);
    retentionPolicies = List.copyOf(retentionPolicies);
    consentPolicies = List.copyOf(consentPolicies);
    origins = Map.copyOf(origins);
    findings = List.copyOf(findings);
  }

  public PolicyInputs inputs() {
    return new PolicyInputs(stores, retentionPolicies, consentPolicies);
  }

  public boolean hasErrors() {
    return findings.stream().anyMatch(Finding::isError);
  }

  public int resourceCount() {
    return stores.size() + retentionPolicies.size() + consentPolicies.size();
  }

  /** Where a resource was defined; null for resources that did not come from these manifests. */
  public DocumentOrigin originOf(ResourceRef resource) {
    return resource == null ? null : origins.get(resource);
  }

  /** A problem of the policy core, placed in the file and document that define its resource. */
  public Finding locate(Problem problem) {
    return Finding.of(problem, originOf(problem.resource()));
  }
}
