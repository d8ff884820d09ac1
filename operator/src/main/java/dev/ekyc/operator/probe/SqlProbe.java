package dev.ekyc.operator.probe;

import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.api.v1alpha1.SqlTlsMode;
import dev.ekyc.operator.credentials.StoreCredentials;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * Probes MySQL or MariaDB: logs in without selecting a database (so a missing database is told
 * apart from a wrong password), reads {@code VERSION()}, then checks the database exists and the
 * user can see it.
 */
public final class SqlProbe {
  private static final int ACCESS_DENIED_FOR_USER = 1045;
  private static final int ACCESS_DENIED_TO_DATABASE = 1044;

  private final ProbeTimeouts timeouts;

  public SqlProbe(ProbeTimeouts timeouts) {
    this.timeouts = timeouts;
  }

  public ProbeResult probe(SqlSpec spec, StoreCredentials.Sql credentials) {
    String where = spec.engine + " at " + spec.host + ":" + spec.port;
    String url = "jdbc:mariadb://" + spec.host + ":" + spec.port + "/";
    // The driver directly, not DriverManager: no other JDBC driver on the class path can take the
    // URL.
    try (Connection connection = new Driver().connect(url, properties(spec, credentials))) {
      String version = queryVersion(connection);
      String product = connection.getMetaData().getDatabaseProductName();
      if (!databaseVisible(connection, spec.database)) {
        return ProbeResult.failed(
            ProbeOutcome.NotFound,
            "database "
                + spec.database
                + " does not exist on "
                + where
                + ", or user "
                + credentials.login().username()
                + " has no privilege on it: create it, grant access, or fix spec.sql.database");
      }
      String backendVersion = product + " " + version;
      return ProbeResult.ok(
          backendVersion,
          backendVersion
              + " at "
              + spec.host
              + ":"
              + spec.port
              + ", database "
              + spec.database
              + " is visible");
    } catch (SQLException e) {
      return classify(e, where, credentials.login().username(), timeouts);
    }
  }

  Properties properties(SqlSpec spec, StoreCredentials.Sql credentials) {
    Properties p = new Properties();
    p.setProperty("user", credentials.login().username());
    p.setProperty("password", credentials.login().password().reveal());
    p.setProperty("connectTimeout", String.valueOf(timeouts.connect().toMillis()));
    p.setProperty("socketTimeout", String.valueOf(timeouts.read().toMillis()));
    SqlTlsMode mode =
        spec.tls == null || spec.tls.mode == null ? SqlTlsMode.Required : spec.tls.mode;
    p.setProperty("sslMode", sslMode(mode));
    credentials.caPem().ifPresent(pem -> p.setProperty("serverSslCert", pem));
    return p;
  }

  /**
   * The driver has no "use TLS if offered" mode; Preferred therefore encrypts without verifying,
   * like Required, and fails against a server without TLS (safer than silently sending personal
   * data in clear).
   */
  public static String sslMode(SqlTlsMode mode) {
    return switch (mode) {
      case Disabled -> "disable";
      case Preferred, Required -> "trust";
      case VerifyCA -> "verify-ca";
      case VerifyIdentity -> "verify-full";
    };
  }

  private static String queryVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      return rs.next() ? rs.getString(1) : "unknown";
    }
  }

  private static boolean databaseVisible(Connection connection, String database)
      throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
      st.setString(1, database);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  static ProbeResult classify(
      SQLException e, String where, String username, ProbeTimeouts timeouts) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (e.getErrorCode() == ACCESS_DENIED_FOR_USER
        || e.getErrorCode() == ACCESS_DENIED_TO_DATABASE
        || state.startsWith("28")) {
      return ProbeResult.failed(
          ProbeOutcome.AuthenticationFailed,
          where
              + " rejected user "
              + username
              + " (error "
              + e.getErrorCode()
              + "): check the user name and password in the Secret");
    }
    return FailureText.network(e, where, timeouts)
        .orElseGet(
            () ->
                state.startsWith("08")
                    ? ProbeResult.failed(
                        ProbeOutcome.Unreachable,
                        "cannot connect to " + where + ": " + FailureText.oneLine(e))
                    : ProbeResult.failed(
                        ProbeOutcome.ProbeFailed,
                        "probing " + where + " failed: " + FailureText.oneLine(e)));
  }
}
