package dev.ekyc.operator.api.v1alpha1;

/** TLS for the SQL connection, named after the MySQL client's ssl-mode values. */
public enum SqlTlsMode {
  Disabled,
  Preferred,
  Required,
  VerifyCA,
  VerifyIdentity
}
