package dev.ekyc.operator.bench;

import dev.ekyc.operator.policy.ColumnErasure;
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
 * bench/purge.sh: on identical copies of a seed table, in one run, with a concurrent writer on the
 * table being purged, three workloads:
 *
 * <ul>
 *   <li>{@code plain}: the SQL purge engine, pt-archiver and one unbounded DELETE;
 *   <li>{@code partitioned}: the same contenders on the same rows in a table RANGE-partitioned by
 *       the timestamp (the engine drops whole partitions where every row is due);
 *   <li>{@code consent}: the engine with consent and column erasure, and the hand-written UPDATE
 *       and DELETE a user would run instead (pt-archiver cannot erase columns).
 * </ul>
 *
 * Prints the ratios first, then each contender's rate, longest transaction and longest writer wait,
 * then the survivor check; exits 1 when any contender leaves other rows (or other erased values)
 * than the seed says must survive. Arguments: rows (default 1,000,000), workloads (default {@code
 * plain,partitioned,consent}).
 */
public final class PurgeBench {
  private PurgeBench() {}

  /** One way to delete the due rows of a table. */
  interface Contender {
    String name();

    void purge(BenchDb db, String database, String table) throws Exception;
  }

  record Workload(String name, BenchTable data, List<Contender> contenders) {}

  record Outcome(
      String name,
      long deleted,
      double seconds,
      double longestTrxMs,
      double longestWaitMs,
      long writerStatements,
      long writerTimeouts,
      String survivors,
      double drainSeconds) {
    double rowsPerSecond() {
      return deleted / seconds;
    }

    /** Rows/s counting the time InnoDB took to purge the deleted rows after the run. */
    double rowsPerSecondWithPurge() {
      return drainSeconds < 0 ? Double.NaN : deleted / (seconds + drainSeconds);
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    List<String> chosen =
        List.of((args.length > 1 ? args[1] : "plain,partitioned,consent").split(","));
    BenchDb db = new BenchDb();
    String database = "ekyc_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    boolean same = true;
    PrintStream out = BenchReport.open();
    try (Connection admin = db.connect("")) {
      BenchDb.execute(admin, "CREATE DATABASE `" + database + "`");
      BenchDb.execute(admin, "USE `" + database + "`");
      try {
        List<Workload> workloads = new ArrayList<>();
        for (String name : chosen) {
          workloads.add(workload(name.trim(), admin, rows));
        }
        for (Workload workload : workloads) {
          same &= runWorkload(db, database, rows, workload, out);
        }
      } finally {
        BenchDb.execute(admin, "DROP DATABASE IF EXISTS `" + database + "`");
      }
    }
    out.flush();
    System.exit(same ? 0 : 1);
  }

  /**
   * The contenders in running order; another build's engine (-Dbench.baselineClasses) right after
   * this one's.
   */
  private static Workload workload(String name, Connection admin, long rows) throws Exception {
    return switch (name) {
      case "plain" ->
          new Workload(
              name,
              new PurgeTable(admin, rows),
              concat(
                  List.of(new PtArchiver(), Engine.plain()),
                  BaselineEngine.forWorkload(false),
                  List.of(new UnboundedDelete())));
      case "partitioned" ->
          new Workload(
              name,
              PurgeTable.partitioned(admin, rows),
              List.of(new PtArchiver(), Engine.plain(), new UnboundedDelete()));
      case "consent" ->
          new Workload(
              name,
              new ConsentPurgeTable(admin, rows),
              concat(
                  List.of(Engine.withConsent()),
                  BaselineEngine.forWorkload(true),
                  List.of(new HandWritten())));
      default ->
          throw new IllegalArgumentException(
              "unknown workload " + name + ": use plain, partitioned or consent");
    };
  }

  @SafeVarargs
  private static List<Contender> concat(List<? extends Contender>... parts) {
    List<Contender> all = new ArrayList<>();
    for (List<? extends Contender> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  private static boolean runWorkload(
      BenchDb db, String database, long rows, Workload workload, PrintStream out) throws Exception {
    BenchTable data = workload.data();
    progress("%s: seeding %,d rows", workload.name(), rows);
    data.createSeed();
    String expected = data.expectedSurvivors();
    List<Outcome> outcomes = new ArrayList<>();
    for (Contender contender : workload.contenders()) {
      String table = "t_" + contender.name().replaceAll("[^a-z]", "_");
      data.copy(table);
      long due = data.due(table);
      progress("%s, %s: %,d rows due", workload.name(), contender.name(), due);
      outcomes.add(run(db, database, table, rows, due, contender, data));
      data.drop(table);
    }
    return report(workload.name(), rows, outcomes, expected, out);
  }

  private static Outcome run(
      BenchDb db,
      String database,
      String table,
      long rows,
      long due,
      Contender contender,
      BenchTable data)
      throws Exception {
    try (Connection writerConnection = db.connect(database);
        Connection watchConnection = db.connect(database)) {
      long writerId = BenchDb.connectionId(writerConnection);
      long watchId = BenchDb.connectionId(watchConnection);
      long started;
      long ended;
      double before = PurgeBacklog.secondsToDrain(watchConnection);
      progress("%s: previous purge backlog drained in %.1f s", contender.name(), before);
      TransactionWatch watch = new TransactionWatch(watchConnection, Set.of(writerId, watchId));
      ConcurrentWriter writer = new ConcurrentWriter(writerConnection, table, rows);
      try (watch;
          writer) {
        started = System.nanoTime();
        contender.purge(db, database, table);
        ended = System.nanoTime();
      }
      double drain = PurgeBacklog.secondsToDrain(watchConnection);
      long left = data.due(table);
      return new Outcome(
          contender.name(),
          due - left,
          (ended - started) / 1e9,
          watch.longestMillis(),
          writer.longestWaitMillis(),
          writer.statements(),
          writer.timeouts(),
          data.survivors(table),
          drain);
    }
  }

  private static boolean report(
      String workload, long rows, List<Outcome> outcomes, String expected, PrintStream out)
      throws Exception {
    Outcome engine =
        outcomes.stream().filter(o -> o.name().equals("engine")).findFirst().orElseThrow();
    StringBuilder ratios =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "purge ratios, %s (%,d rows, load %s):",
                workload,
                rows,
                loadAverage()));
    for (Outcome o : outcomes) {
      if (o == engine) {
        continue;
      }
      double ratio = engine.rowsPerSecond() / o.rowsPerSecond();
      ratios.append(
          o.name().equals("pt-archiver")
              ? String.format(Locale.ROOT, " engine/pt-archiver %.2fx (target >= 2);", ratio)
              : String.format(
                  Locale.ROOT,
                  " engine/%s %.0f%%%s;",
                  o.name(),
                  100 * ratio,
                  o.name().equals("unbounded DELETE") ? " (target >= 60%)" : ""));
    }
    out.println(ratios);
    out.printf(
        Locale.ROOT,
        "%-18s %10s %9s %12s %20s %18s %28s %13s %s%n",
        "contender",
        "changed",
        "seconds",
        "rows/s",
        "longest trx (ms)",
        "writer wait (ms)",
        "writer statements/timeouts",
        "purge after",
        "rows/s incl.");
    for (Outcome o : outcomes) {
      out.printf(
          Locale.ROOT,
          "%-18s %,10d %9.2f %,12.0f %20.0f %18.0f %28s %12.1fs %,12.0f%n",
          o.name(),
          o.deleted(),
          o.seconds(),
          o.rowsPerSecond(),
          o.longestTrxMs(),
          o.longestWaitMs(),
          o.writerStatements() + "/" + o.writerTimeouts(),
          o.drainSeconds(),
          o.rowsPerSecondWithPurge());
    }
    StringBuilder withPurge =
        new StringBuilder(
            "ratios counting InnoDB's purge after each run (purge after: time until"
                + " the history list drained; rows/s incl.: rows over run + purge):");
    for (Outcome o : outcomes) {
      if (o != engine) {
        withPurge.append(
            String.format(
                Locale.ROOT,
                " engine/%s %.2fx;",
                o.name(),
                engine.rowsPerSecondWithPurge() / o.rowsPerSecondWithPurge()));
      }
    }
    out.println(withPurge);
    out.println(
        "longest trx: server-side, INNODB_TRX polled every "
            + TransactionWatch.POLL_MS
            + " ms; writer wait: longest single-row UPDATE/INSERT of a concurrent writer"
            + (workload.equals("consent")
                ? "; changed: rows erased or deleted (a row erased, then deleted counts once)"
                : ""));
    boolean same = outcomes.stream().allMatch(o -> o.survivors().equals(expected));
    out.println("survivors expected: " + expected);
    outcomes.forEach(o -> out.println("survivors " + o.name() + ": " + o.survivors()));
    out.println(same ? "survivors: identical" : "survivors: DIFFER");
    out.println();
    out.flush();
    return same;
  }

  /** The 1-minute load average, the machine's business while the figures were taken. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[purge-bench] " + format + "%n", args);
  }

  /** The operator's engine as the CronJob runs it, with the compiler's default batch size. */
  static final class Engine implements Contender {
    private final boolean consent;

    private Engine(boolean consent) {
      this.consent = consent;
    }

    static Engine plain() {
      return new Engine(false);
    }

    static Engine withConsent() {
      return new Engine(true);
    }

    @Override
    public String name() {
      return "engine";
    }

    @Override
    public void purge(BenchDb db, String database, String table) throws Exception {
      TablePurge rule =
          consent
              ? ConsentPurgeTable.purge(table)
              : new TablePurge(
                  table,
                  "created_at",
                  "id",
                  Duration.ofDays(PurgeTable.RETENTION_DAYS),
                  null,
                  null,
                  "legal_hold",
                  "0 * * * *",
                  1000,
                  Long.MAX_VALUE,
                  Mechanism.Role.PRIMARY);
      ColumnErasure erasure = consent ? ConsentPurgeTable.erasure(table) : null;
      try (Connection connection = db.connect(database)) {
        new SqlPurgeEngine(connection, database, SqlPurgeOptions.enforce()).run(rule, erasure);
      }
    }
  }

  /**
   * The consent workload's hand-written cron job: one UPDATE erasing, then one DELETE, each one
   * transaction.
   */
  static final class HandWritten implements Contender {
    @Override
    public String name() {
      return "hand-written";
    }

    @Override
    public void purge(BenchDb db, String database, String table) throws Exception {
      try (Connection connection = db.connect(database)) {
        BenchDb.execute(
            connection,
            "UPDATE `"
                + table
                + "` SET id_number = NULL, face_vector = NULL WHERE "
                + ConsentPurgeTable.ERASE_DUE);
        BenchDb.execute(
            connection, "DELETE FROM `" + table + "` WHERE " + ConsentPurgeTable.DELETE_DUE);
      }
    }
  }

  /**
   * Percona's pt-archiver as its documentation suggests for purging: bulk deletes, a commit per
   * chunk.
   */
  static final class PtArchiver implements Contender {
    @Override
    public String name() {
      return "pt-archiver";
    }

    @Override
    public void purge(BenchDb db, String database, String table) throws Exception {
      // The password goes in an option file (mode 600), never on a command line that ps shows.
      Path options =
          Files.createTempFile(
              "pt-archiver",
              ".cnf",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(
            options, "[client]\nuser=" + db.user + "\npassword=" + db.password + "\n");
        Process process =
            new ProcessBuilder(
                    "pt-archiver",
                    "--source",
                    "F="
                        + options
                        + ",A=utf8mb4,h="
                        + db.host
                        + ",P="
                        + db.port
                        + ",D="
                        + database
                        + ",t="
                        + table,
                    "--purge",
                    "--bulk-delete",
                    "--limit",
                    "10000",
                    "--commit-each",
                    "--where",
                    PurgeTable.DUE)
                .inheritIO()
                .start();
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
