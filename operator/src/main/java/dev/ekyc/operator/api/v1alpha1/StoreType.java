package dev.ekyc.operator.api.v1alpha1;

/** The kind of backend a DataStore describes; shown in status and printer columns. */
public enum StoreType {
  ObjectStorage,
  Search,
  SQL
}
