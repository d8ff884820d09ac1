package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * The database server's clock, not the operator's: cutoffs compared with server-written timestamps
 * must come from the same clock. Sets the session time zone to UTC so TIMESTAMP columns read and
 * compare as UTC.
 */
public final class ServerClock {
  private ServerClock() {}

  public static LocalDateTime utcNow(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET time_zone = '+00:00'");
      // Read as text: a JDBC timestamp would pass through the JVM's default zone.
      try (ResultSet rows =
          statement.executeQuery("SELECT DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%f')")) {
        rows.next();
        return LocalDateTime.parse(rows.getString(1));
      }
    }
  }
}
