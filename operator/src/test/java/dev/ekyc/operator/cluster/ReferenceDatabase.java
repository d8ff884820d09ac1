package dev.ekyc.operator.cluster;

import dev.ekyc.operator.it.Backends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reference service database on the host's MariaDB, in a database and under a user of its own
 * (so the test can rotate the user's password without touching anyone else's): the two tables of
 * the reference policies, with the schema examples/reference describes, read back through the admin
 * connection, independently of the job.
 */
final class ReferenceDatabase implements AutoCloseable {
  private final Connection admin;
  private final String database;
  private final String user;

  private ReferenceDatabase(Connection admin, String database, String user) {
    this.admin = admin;
    this.database = database;
    this.user = user;
  }

  static ReferenceDatabase create(String password) throws SQLException {
    int port = Backends.requireReachable("EKYC_IT_MARIADB_HOST", "EKYC_IT_MARIADB_PORT");
    Connection admin =
        DriverManager.getConnection(
            "jdbc:mariadb://" + Backends.require("EKYC_IT_MARIADB_HOST") + ":" + port + "/",
            Backends.require("EKYC_IT_MARIADB_ADMIN_USER"),
            Backends.require("EKYC_IT_MARIADB_ADMIN_PASSWORD"));
    String suffix =
        Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toLowerCase(Locale.ROOT);
    ReferenceDatabase db =
        new ReferenceDatabase(admin, "ekyc_cluster_" + suffix, "cluster_" + suffix);
    db.sql("CREATE DATABASE `" + db.database + "`");
    db.sql("CREATE USER '" + db.user + "'@'%' IDENTIFIED BY '" + password + "'");
    // What examples/reference/datastores.yaml says the purge needs.
    db.sql("GRANT SELECT, UPDATE, DELETE ON `" + db.database + "`.* TO '" + db.user + "'@'%'");
    // ... and PROCESS, so the operator can see open transactions (information_schema.INNODB_TRX).
    db.sql("GRANT PROCESS ON *.* TO '" + db.user + "'@'%'");
    db.sql(
        "CREATE TABLE `"
            + db.database
            + "`.identification_records (id BIGINT PRIMARY KEY AUTO_INCREMENT,"
            + " created_at DATETIME(3) NOT NULL, INDEX (created_at), name VARCHAR(200), address VARCHAR(500),"
            + " country CHAR(2), date_of_birth DATE, id_number VARCHAR(64) NULL, face_image_ref VARCHAR(1024) NULL,"
            + " consent_model_training BOOLEAN NULL, consent_withdrawn_at DATETIME NULL, parental_consent BOOLEAN NULL)");
    db.sql(
        "CREATE TABLE `"
            + db.database
            + "`.api_calls (id BIGINT PRIMARY KEY AUTO_INCREMENT,"
            + " started_at DATETIME(3) NOT NULL, INDEX (started_at), app_id VARCHAR(64), api_name VARCHAR(64))");
    return db;
  }

  String database() {
    return database;
  }

  String user() {
    return user;
  }

  /**
   * An identification record created {@code age} ago (a MariaDB interval, e.g. {@code 3 HOUR},
   * against the server's UTC clock); {@code consent} and {@code withdrawnAgo} (null: not withdrawn)
   * as the app records them; {@code yearsOld} the end user's age, in Singapore (minimum age 18 in
   * the reference ConsentPolicy).
   */
  void identification(
      long id, String age, boolean consent, String withdrawnAgo, int yearsOld, Boolean parental)
      throws SQLException {
    sql(
        "INSERT INTO `"
            + database
            + "`.identification_records (id, created_at, name, country, date_of_birth,"
            + " id_number, face_image_ref, consent_model_training, consent_withdrawn_at, parental_consent) VALUES ("
            + id
            + ", UTC_TIMESTAMP(3) - INTERVAL "
            + age
            + ", 'name-"
            + id
            + "', 'SG', CURDATE() - INTERVAL "
            + yearsOld
            + " YEAR, 'ID-"
            + id
            + "', 'face-"
            + id
            + "', "
            + consent
            + ", "
            + (withdrawnAgo == null ? "NULL" : "UTC_TIMESTAMP() - INTERVAL " + withdrawnAgo)
            + ", "
            + parental
            + ")");
  }

  void apiCall(long id, String age) throws SQLException {
    sql(
        "INSERT INTO `"
            + database
            + "`.api_calls (id, started_at, app_id, api_name) VALUES ("
            + id
            + ", UTC_TIMESTAMP(3) - INTERVAL "
            + age
            + ", 'app-1', 'liveness')");
  }

  /** Each identification record: its id and sensitive values, or "erased" when both are NULL. */
  List<String> identificationRows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = admin.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT id, face_image_ref, id_number,"
                    + " name FROM `"
                    + database
                    + "`.identification_records ORDER BY id")) {
      while (rs.next()) {
        String face = rs.getString(2);
        String idNumber = rs.getString(3);
        String sensitive = face == null && idNumber == null ? "erased" : face + " " + idNumber;
        rows.add(rs.getLong(1) + " " + rs.getString(4) + " " + sensitive);
      }
    }
    return rows;
  }

  List<Long> apiCallIds() throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery("SELECT id FROM `" + database + "`.api_calls ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** The database takes only the new password from now on. */
  void rotatePassword(String password) throws SQLException {
    sql("ALTER USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
  }

  private void sql(String statement) throws SQLException {
    try (Statement st = admin.createStatement()) {
      st.execute(statement);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      sql("DROP DATABASE IF EXISTS `" + database + "`");
      sql("DROP USER IF EXISTS '" + user + "'@'%'");
    } finally {
      admin.close();
    }
  }
}
