package dev.ekyc.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A MySQL or MariaDB database. */
public class SqlSpec {
  @Required
  @JsonPropertyDescription("MySQL or MariaDB.")
  public SqlEngine engine;

  @Required
  @Pattern("^[A-Za-z0-9]([-A-Za-z0-9.]{0,251}[A-Za-z0-9])?$|^\\[[0-9A-Fa-f:]+\\]$")
  @JsonPropertyDescription("Host name or IP address of the server (IPv6 in brackets).")
  public String host;

  @Default("3306")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("TCP port of the server.")
  public Integer port = 3306;

  @Required
  @Size(max = 64)
  @Pattern(ApiConstants.SQL_IDENTIFIER_PATTERN)
  @JsonPropertyDescription("Database (schema) that holds the tables the policies name.")
  public String database;

  @Required
  @JsonPropertyDescription(
      "Secret with the user name and password. The user needs SELECT, UPDATE and DELETE on the policies' tables.")
  public BasicAuthSecretRef credentialsSecretRef;

  @JsonPropertyDescription(
      "TLS settings; when omitted, TLS is Required (encrypted, server not verified).")
  public SqlTlsSpec tls;
}
