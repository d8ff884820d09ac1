package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.api.v1alpha1.SqlTlsMode;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.policy.ColumnErasure;
import dev.ekyc.operator.policy.RulePlan;
import dev.ekyc.operator.policy.TablePurge;
import dev.ekyc.operator.probe.SqlProbe;
import dev.ekyc.operator.sql.DueRows;
import dev.ekyc.operator.sql.SqlPurgeEngine;
import dev.ekyc.operator.sql.SqlPurgeOptions;
import dev.ekyc.operator.sql.SqlPurgeResult;
import dev.ekyc.operator.sql.TimeLeft;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Properties;
import org.mariadb.jdbc.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code purge}: each rule's {@link TablePurge} and, when it names sensitive columns, its {@link
 * ColumnErasure} (run first), by the {@link SqlPurgeEngine} library over one connection for the
 * whole run.
 */
final class SqlRuleRunner implements RuleRunner {
  /**
   * Long statements are bounded by the engine's batches; the socket timeout only catches a dead
   * server.
   */
  private static final int SOCKET_TIMEOUT_MS = 300_000;

  private static final int CONNECT_TIMEOUT_MS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SqlRuleRunner.class);

  private final Connection connection;
  private final SqlPurgeEngine engine;
  private final DueRows dueRows;
  private final boolean dryRun;

  SqlRuleRunner(SqlSpec spec, StoreCredentials.Sql credentials, boolean dryRun)
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
    this.connection =
        new Driver().connect("jdbc:mariadb://" + spec.host + ":" + spec.port + "/", p);
    this.engine =
        new SqlPurgeEngine(
            connection,
            spec.database,
            dryRun ? SqlPurgeOptions.dryRunOnly() : SqlPurgeOptions.enforce());
    this.dueRows = new DueRows(connection, spec.database);
    this.dryRun = dryRun;
  }

  static Optional<TablePurge> purgeOf(RulePlan rule) {
    return RuleRunner.primary(rule, TablePurge.class);
  }

  static Optional<ColumnErasure> erasureOf(RulePlan rule) {
    return rule.mechanisms().stream()
        .filter(m -> m instanceof ColumnErasure)
        .map(ColumnErasure.class::cast)
        .findFirst();
  }

  @Override
  public boolean handles(RulePlan rule) {
    return purgeOf(rule).isPresent();
  }

  @Override
  public Counts run(RulePlan rule) throws SQLException {
    TablePurge purge = purgeOf(rule).orElseThrow();
    ColumnErasure erasure = erasureOf(rule).orElse(null);
    SqlPurgeResult r = engine.run(purge, erasure, timeLeft(rule, purge, erasure));
    Long backlogAge = null;
    if (r.backlogRemains()) {
      // One row, read in timestamp order, after the run: how old the oldest data still due is now.
      // None left (a
      // concurrent change took it): nothing is older than the cutoff, the bound of a run without
      // backlog.
      backlogAge =
          dueRows.oldestAgeSeconds(purge, erasure).stream()
              .boxed()
              .findFirst()
              .orElse(purge.deleteOlderThan().toSeconds());
    }
    return new Counts(
        utc(r.serverTime()),
        utc(r.retentionCutoff()),
        utc(r.consentedRetentionCutoff()),
        utc(r.eraseCutoff()),
        null,
        r.deleted(),
        r.erased(),
        null,
        r.heldSkipped(),
        null,
        r.nullTimestamp(),
        0,
        r.capReached(),
        r.backlogRemains(),
        backlogAge);
  }

  /**
   * The rows this run will change, for the engine's time-left estimate: due rows counted up to the
   * cap (a bounded read; the run can change no more than the cap anyway). A dry run counts
   * everything itself and needs none.
   */
  private TimeLeft timeLeft(RulePlan rule, TablePurge purge, ColumnErasure erasure)
      throws SQLException {
    if (dryRun) {
      return TimeLeft.unknown();
    }
    long cap = purge.maxDeletionsPerRun();
    DueRows.Due due = dueRows.countUpTo(purge, erasure, cap);
    long expected = Math.min(cap, due.toErase() + due.toDelete());
    LOG.info(
        "rule {}: {} rows to erase and {} to delete now (each counted up to the cap {}): about {} changes"
            + " in this run",
        rule.name(),
        due.toErase(),
        due.toDelete(),
        cap,
        expected);
    return TimeLeft.of(expected);
  }

  private static String utc(LocalDateTime time) {
    return time == null ? null : time.toInstant(ZoneOffset.UTC).toString();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing after the run: every batch is already committed or rolled back.
    }
  }
}
