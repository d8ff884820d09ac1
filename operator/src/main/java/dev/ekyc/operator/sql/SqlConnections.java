package dev.ekyc.operator.sql;

import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.api.v1alpha1.SqlTlsMode;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.probe.SqlProbe;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * A connection to a DataStore's database with its credentials and TLS mode, short timeouts, for the
 * operator's read-only observations (the jobs open their own, with their own timeouts). The caller
 * closes it.
 */
public final class SqlConnections {
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int SOCKET_TIMEOUT_MS = 30_000;

  private SqlConnections() {}

  public static Connection open(SqlSpec spec, StoreCredentials.Sql credentials)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", credentials.login().username());
    p.setProperty("password", credentials.login().password().reveal());
    p.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MS));
    p.setProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT_MS));
    SqlTlsMode mode =
        spec.tls == null || spec.tls.mode == null ? SqlTlsMode.Required : spec.tls.mode;
    p.setProperty("sslMode", SqlProbe.sslMode(mode));
    credentials.caPem().ifPresent(pem -> p.setProperty("serverSslCert", pem));
    // The driver directly, as the probe does: no other JDBC driver on the class path can take the
    // URL.
    Connection connection =
        new Driver().connect("jdbc:mariadb://" + spec.host + ":" + spec.port + "/", p);
    connection.setReadOnly(true);
    return connection;
  }
}
