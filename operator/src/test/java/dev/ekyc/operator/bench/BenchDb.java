package dev.ekyc.operator.bench;

import dev.ekyc.operator.it.Backends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The MariaDB of testenv/ for the benchmarks: admin connections, found like the integration tests
 * find it.
 */
final class BenchDb {
  final String host = Backends.require("EKYC_IT_MARIADB_HOST");
  final int port = Integer.parseInt(Backends.require("EKYC_IT_MARIADB_PORT"));
  final String user = Backends.require("EKYC_IT_MARIADB_ADMIN_USER");
  final String password = Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD");

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:mariadb://" + host + ":" + port + "/" + database, user, password);
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static long connectionId(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT CONNECTION_ID()")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
