package dev.ekyc.operator.api.v1alpha1;

/**
 * The search engine behind a search DataStore; decides between ILM (Elasticsearch) and ISM
 * (OpenSearch).
 */
public enum SearchEngine {
  Elasticsearch,
  OpenSearch
}
