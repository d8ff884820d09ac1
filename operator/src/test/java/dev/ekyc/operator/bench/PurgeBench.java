package dev.ekyc.operator.bench;

import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.TablePurge;
import dev.ekyc.operator.sql.SqlPurgeEngine;
import dev.ekyc.operator.sql.SqlPurgeOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * bench/purge.sh: the SQL purge engine, pt-archiver and one unbounded DELETE, each on an identical copy of one seed
 * table in one run, with a concurrent writer on the table being purged. Prints the ratios first, then each
 * contender's rows/s, longest transaction and longest writer wait, then the survivor check; exits 1 when any
 * contender leaves other rows than the seed says must survive. Arguments: rows (default 1,000,000).
 */
public final class PurgeBench {
  private PurgeBench() {}

  /** One way to delete the due rows of a table. */
  interface Contender {
    String name();

    void purge(BenchDb db, String database, String table) throws Exception;
  }

  record Outcome(String name, long deleted, double seconds, double longestTrxMs, double longestWaitMs,
      long writerStatements, long writerTimeouts, String survivors) {
    double rowsPerSecond() {
      return deleted / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    BenchDb db = new BenchDb();
    String database = "ekyc_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    List<Contender> contenders = List.of(new PtArchiver(), new Engine(), new UnboundedDelete());
    List<Outcome> outcomes = new ArrayList<>();
    String expected;
    try (Connection admin = db.connect("")) {
      BenchDb.execute(admin, "CREATE DATABASE `" + database + "`");
      BenchDb.execute(admin, "USE `" + database + "`");
      try {
        PurgeTable data = new PurgeTable(admin, rows);
        progress("seeding %,d rows", rows);
        data.createSeed();
        expected = data.expectedSurvivors();
        for (Contender contender : contenders) {
          String table = "t_" + contender.name().replaceAll("[^a-z]", "_");
          data.copy(table);
          long due = data.due(table);
          progress("%s: %,d rows due", contender.name(), due);
          outcomes.add(run(db, database, table, rows, due, contender, data));
          data.drop(table);
        }
      } finally {
        BenchDb.execute(admin, "DROP DATABASE IF EXISTS `" + database + "`");
      }
    }
    boolean same = report(rows, outcomes, expected);
    System.exit(same ? 0 : 1);
  }

  private static Outcome run(BenchDb db, String database, String table, long rows, long due, Contender contender,
      PurgeTable data) throws Exception {
    try (Connection writerConnection = db.connect(database); Connection watchConnection = db.connect(database)) {
      long writerId = BenchDb.connectionId(writerConnection);
      long watchId = BenchDb.connectionId(watchConnection);
      long started;
      long ended;
      TransactionWatch watch = new TransactionWatch(watchConnection, Set.of(writerId, watchId));
      ConcurrentWriter writer = new ConcurrentWriter(writerConnection, table, rows);
      try (watch; writer) {
        started = System.nanoTime();
        contender.purge(db, database, table);
        ended = System.nanoTime();
      }
      long left = data.due(table);
      return new Outcome(contender.name(), due - left, (ended - started) / 1e9, watch.longestMillis(),
          writer.longestWaitMillis(), writer.statements(), writer.timeouts(), data.survivors(table));
    }
  }

  private static boolean report(long rows, List<Outcome> outcomes, String expected) throws Exception {
    PrintStream out = BenchReport.open();
    Outcome pt = outcomes.get(0);
    Outcome engine = outcomes.get(1);
    Outcome delete = outcomes.get(2);
    out.printf(Locale.ROOT, "purge ratios (%,d rows): engine/pt-archiver %.2fx (target >= 2), "
            + "engine/unbounded DELETE %.0f%% (target >= 60%%)%n", rows, engine.rowsPerSecond() / pt.rowsPerSecond(),
        100 * engine.rowsPerSecond() / delete.rowsPerSecond());
    out.printf(Locale.ROOT, "%-18s %10s %9s %12s %20s %18s %s%n", "contender", "deleted", "seconds",
        "rows/s", "longest trx (ms)", "writer wait (ms)", "writer statements/timeouts");
    for (Outcome o : outcomes) {
      out.printf(Locale.ROOT, "%-18s %,10d %9.2f %,12.0f %20.0f %18.0f %d/%d%n", o.name(), o.deleted(),
          o.seconds(), o.rowsPerSecond(), o.longestTrxMs(), o.longestWaitMs(), o.writerStatements(),
          o.writerTimeouts());
    }
    out.println("longest trx: server-side, INNODB_TRX polled every " + TransactionWatch.POLL_MS
        + " ms; writer wait: longest single-row UPDATE/INSERT of a concurrent writer");
    boolean same = outcomes.stream().allMatch(o -> o.survivors().equals(expected));
    out.println("survivors expected: " + expected);
    outcomes.forEach(o -> out.println("survivors " + o.name() + ": " + o.survivors()));
    out.println(same ? "survivors: identical" : "survivors: DIFFER");
    out.flush();
    return same;
  }

  static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[purge-bench] " + format + "%n", args);
  }

  /** The operator's engine as the CronJob runs it, with the compiler's default batch size. */
  static final class Engine implements Contender {
    @Override
    public String name() {
      return "engine";
    }

    @Override
    public void purge(BenchDb db, String database, String table) throws Exception {
      TablePurge rule = new TablePurge(table, "created_at", "id", Duration.ofDays(PurgeTable.RETENTION_DAYS), null,
          null, "legal_hold", "0 * * * *", 1000, Long.MAX_VALUE, Mechanism.Role.PRIMARY);
      try (Connection connection = db.connect(database)) {
        new SqlPurgeEngine(connection, database, SqlPurgeOptions.enforce()).run(rule, null);
      }
    }
  }

  /** Percona's pt-archiver as its documentation suggests for purging: bulk deletes, a commit per chunk. */
  static final class PtArchiver implements Contender {
    @Override
    public String name() {
      return "pt-archiver";
    }

    @Override
    public void purge(BenchDb db, String database, String table) throws Exception {
      // The password goes in an option file (mode 600), never on a command line that ps shows.
      Path options = Files.createTempFile("pt-archiver", ".cnf",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(options, "[client]\nuser=" + db.user + "\npassword=" + db.password + "\n");
        Process process = new ProcessBuilder("pt-archiver", "--source",
            "F=" + options + ",A=utf8mb4,h=" + db.host + ",P=" + db.port + ",D=" + database + ",t=" + table,
            "--purge", "--bulk-delete", "--limit", "10000", "--commit-each", "--where", PurgeTable.DUE)
            .inheritIO().start();
        int exit = process.waitFor();
        if (exit != 0) {
          throw new IllegalStateException("pt-archiver exited with " + exit);
        }
      } finally {
        Files.deleteIfExists(options);
      }
    }
  }

  /** What a hand-written cron job does: one DELETE, one transaction. */
  static final class UnboundedDelete implements Contender {
    @Override
    public String name() {
      return "unbounded DELETE";
    }

    @Override
    public void purge(BenchDb db, String database, String table) throws Exception {
      try (Connection connection = db.connect(database)) {
        BenchDb.execute(connection, "DELETE FROM `" + table + "` WHERE " + PurgeTable.DUE);
      }
    }
  }
}
