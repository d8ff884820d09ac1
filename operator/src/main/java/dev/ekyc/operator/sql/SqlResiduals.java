package dev.ekyc.operator.sql;

import dev.ekyc.operator.policy.ResidualCopy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the copies of a database's rows that live outside its tables: the binary log (variables,
 * and the files where SHOW BINARY LOGS is permitted) and the oldest open InnoDB transaction
 * (information_schema.INNODB_TRX, which needs the PROCESS privilege: a REPEATABLE READ snapshot
 * opened before an erasure still reads the erased value). Three small reads per database, none
 * scanning data. Read-only; whatever cannot be read is UNKNOWN, never absent.
 */
public final class SqlResiduals {
  private final Connection connection;

  public SqlResiduals(Connection connection) {
    this.connection = connection;
  }

  /** The binary log and the oldest open transaction, in that order. */
  public List<ResidualCopy> read() throws SQLException {
    return List.of(binlog().residual(), openTransaction());
  }

  public BinlogSettings binlog() throws SQLException {
    Map<String, String> vars = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('log_bin',"
                    + " 'binlog_format', 'binlog_row_image', 'expire_logs_days', 'binlog_expire_logs_seconds')")) {
      while (rows.next()) {
        vars.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
      }
    }
    boolean on = "ON".equalsIgnoreCase(vars.get("log_bin")) || "1".equals(vars.get("log_bin"));
    BinlogSettings.Expiry expiry =
        BinlogSettings.expiry(vars.get("binlog_expire_logs_seconds"), vars.get("expire_logs_days"));
    Integer files = null;
    String oldest = null;
    if (on) {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SHOW BINARY LOGS")) {
        int n = 0;
        while (rows.next()) {
          if (n++ == 0) {
            oldest = rows.getString(1);
          }
        }
        files = n;
      } catch (SQLException notPermitted) {
        // 1227 (access denied: BINLOG MONITOR / REPLICATION CLIENT): files stay unknown.
      }
    }
    return new BinlogSettings(
        on,
        vars.get("binlog_format"),
        vars.get("binlog_row_image"),
        expiry == null ? null : expiry.seconds(),
        expiry == null ? null : expiry.source(),
        files,
        oldest);
  }

  /**
   * The oldest open transaction, as a copy whose bound is how long it has been open so far (a
   * snapshot can read rows and values erased since it began, for as long as it stays open): a
   * transaction open longer than a promise holds values past it.
   */
  public ResidualCopy openTransaction() {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT TIMESTAMPDIFF(SECOND, MIN(trx_started), NOW()), COUNT(*)"
                    + " FROM information_schema.INNODB_TRX")) {
      rows.next();
      long count = rows.getLong(2);
      if (count == 0) {
        return ResidualCopy.absent("open transaction", "information_schema.INNODB_TRX");
      }
      Duration open = Duration.ofSeconds(Math.max(0, rows.getLong(1)));
      return new ResidualCopy(
          "open transaction",
          ResidualCopy.State.READ,
          open,
          "information_schema.INNODB_TRX",
          count
              + " open, the oldest for "
              + dev.ekyc.operator.policy.DurationText.format(open)
              + "; a snapshot opened before an erasure reads the erased values until it ends");
    } catch (SQLException notPermitted) {
      return ResidualCopy.unknown(
          "open transaction",
          "information_schema.INNODB_TRX",
          "not readable by this user (needs PROCESS): " + notPermitted.getErrorCode());
    }
  }
}
