package dev.ekyc.operator.api.v1alpha1;

/**
 * Who deletes a search store's indices: the cluster's own lifecycle feature (ILM on Elasticsearch,
 * ISM on OpenSearch), configured by the operator, or the operator's {@code sweep} job, for clusters
 * that have neither (Elasticsearch without a license that includes ILM, OpenSearch without the ISM
 * plugin, managed services that disable them).
 */
public enum IndexDeletion {
  Lifecycle,
  Sweep
}
