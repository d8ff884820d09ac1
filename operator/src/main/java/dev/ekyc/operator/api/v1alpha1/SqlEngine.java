package dev.ekyc.operator.api.v1alpha1;

/** The SQL server behind a sql DataStore. */
public enum SqlEngine {
  MySQL,
  MariaDB
}
