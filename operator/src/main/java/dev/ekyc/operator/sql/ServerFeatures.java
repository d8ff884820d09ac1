package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the connected server can do beyond the SQL both MySQL and MariaDB accept. */
final class ServerFeatures {
  private static final Pattern MARIADB_VERSION = Pattern.compile("^(\\d+)\\.(\\d+).*MariaDB.*");

  private ServerFeatures() {}

  /** DELETE ... RETURNING: MariaDB 10.5 and later (MySQL has none). */
  static boolean deleteReturning(Connection connection) throws SQLException {
    return deleteReturning(connection.getMetaData().getDatabaseProductVersion());
  }

  static boolean deleteReturning(String version) {
    return mariaDbAtLeast(version, 5);
  }

  /** LOCK TABLES ... NOWAIT, which partition dropping needs: MariaDB 10.3 and later. */
  static boolean lockTablesNowait(Connection connection) throws SQLException {
    return lockTablesNowait(connection.getMetaData().getDatabaseProductVersion());
  }

  static boolean lockTablesNowait(String version) {
    return mariaDbAtLeast(version, 3);
  }

  private static boolean mariaDbAtLeast(String version, int minorOf10) {
    // Older MariaDB servers announce themselves as "5.5.5-10.x.y-MariaDB" for the sake of old MySQL
    // clients.
    String plain = version == null ? "" : version.replaceFirst("^5\\.5\\.5-", "");
    Matcher m = MARIADB_VERSION.matcher(plain);
    if (!m.matches()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 10 || (major == 10 && minor >= minorOf10);
  }
}
