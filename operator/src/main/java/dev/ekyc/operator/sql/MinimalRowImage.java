package dev.ekyc.operator.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the purge and erasure session write minimal row images to a row-based binary log: with the
 * default FULL image, our own {@code UPDATE ... SET col = NULL} and {@code DELETE} write every
 * column of the row, erased values included, into the log at purge time; with MINIMAL, only the key
 * (before-image) and the changed columns (after). Setting the session variable needs BINLOG ADMIN
 * (or SUPER) on MariaDB 10.11 (measured: error 1227 otherwise) and SESSION_VARIABLES_ADMIN (or
 * SYSTEM_VARIABLES_ADMIN) on MySQL 8. When it cannot be set the run goes on (refusing would keep
 * the data longer) and says so in its log.
 */
final class MinimalRowImage {
  private MinimalRowImage() {}

  /** What happened, for the run's log: one line, never a value. */
  static String apply(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET SESSION binlog_row_image = 'MINIMAL'");
      try (ResultSet rows = statement.executeQuery("SELECT @@SESSION.binlog_row_image")) {
        String now = rows.next() ? rows.getString(1) : null;
        return "MINIMAL".equalsIgnoreCase(now)
            ? "binlog_row_image MINIMAL for this session"
            : "binlog_row_image is "
                + now
                + " after SET: our UPDATE/DELETE may copy erased values into the binary log";
      }
    } catch (SQLException refused) {
      return "could not set binlog_row_image MINIMAL (error "
          + refused.getErrorCode()
          + "; grant BINLOG ADMIN on"
          + " MariaDB, SESSION_VARIABLES_ADMIN on MySQL 8): with a row-based binary log and FULL images our"
          + " UPDATE/DELETE copy the erased values into it";
    }
  }
}
