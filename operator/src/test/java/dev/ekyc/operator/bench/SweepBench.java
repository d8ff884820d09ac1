package dev.ekyc.operator.bench;

import dev.ekyc.operator.it.Backends;
import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectConsent;
import dev.ekyc.operator.policy.ObjectSweep;
import dev.ekyc.operator.policy.ResourceRef;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * bench/sweep.sh: the object sweeper against {@code rclone delete --min-age} on identical prefixes
 * of one bucket, in one run.
 *
 * <ul>
 *   <li>s3proxy (filesystem backend): {@code due} objects 400 days old and {@code young} 1 day old
 *       per prefix, made as files with their mtimes (s3proxy lists a file's mtime as LastModified;
 *       creating them through the API would only slow the setup). Contenders: rclone as configured
 *       by default (it reads each object's mtime metadata), rclone with {@code
 *       --use-server-modtime} (its fastest correct setting), the sweeper one request at a time, and
 *       the sweeper as the operator runs it (bounded concurrency).
 *   <li>moto (tags): the same rule without and with tag dependence (legal-hold tag, consent tag) on
 *       identical prefixes; age is real time, as moto cannot backdate: objects become old by
 *       waiting out a retention of {@code retentionSeconds} measured by the server's Date header.
 * </ul>
 *
 * Prints the ratios first; exits 1 if any contender's survivors differ from what must survive.
 * Arguments: due (20000), young (2000), tagged objects per prefix on moto (2000), retention seconds
 * on moto (60).
 */
public final class SweepBench {
  private static final ResourceRef CONSENT_POLICY =
      new ResourceRef("ConsentPolicy", "bench", "model-training");
  private static final String HOLD_TAG = "legal-hold";
  private static final String CONSENT_TAG = "consent-model-training";

  private SweepBench() {}

  record Outcome(String name, long due, double seconds, String deleted, boolean survivorsRight) {
    double objectsPerSecond() {
      return due / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int due = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int young = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int tagged = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
    int retentionSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
    List<Outcome> untagged = untaggedOnS3proxy(due, young);
    List<Outcome> tagDependent = tagDependentOnMoto(tagged, Duration.ofSeconds(retentionSeconds));
    boolean right = report(due, young, tagged, untagged, tagDependent);
    System.exit(right ? 0 : 1);
  }

  // --- s3proxy: the sweeper against rclone
  // --------------------------------------------------------------------

  private static List<Outcome> untaggedOnS3proxy(int due, int young) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    try (BenchS3 s3 = new BenchS3("EKYC_IT_S3PROXY_URL")) {
      String bucket = "bench-sweep-" + UUID.randomUUID().toString().substring(0, 8);
      s3.setup.createBucket(b -> b.bucket(bucket));
      try {
        Path root = Path.of(Backends.require("EKYC_IT_S3PROXY_DIR"), bucket);
        Instant now = s3.serverNow(bucket);
        List<String> prefixes =
            List.of("rclone/", "rclone-server-modtime/", "sweeper-sequential/", "sweeper/");
        progress(
            "s3proxy: %,d due and %,d young objects under each of %d prefixes",
            due, young, prefixes.size());
        for (String prefix : prefixes) {
          writeAged(root, prefix, due, young, now);
        }
        TreeSet<String> expected = s3.keys(bucket, prefixes.get(0));
        expected.removeIf(k -> k.contains("/due-"));
        Rclone rclone = new Rclone(s3);
        outcomes.add(
            timed(
                "rclone",
                due,
                () -> rclone.deleteOlderThan(bucket, "rclone/", "30d", List.of()),
                s3,
                bucket,
                "rclone/",
                expected));
        outcomes.add(
            timed(
                "rclone --use-server-modtime",
                due,
                () ->
                    rclone.deleteOlderThan(
                        bucket, "rclone-server-modtime/", "30d", List.of("--use-server-modtime")),
                s3,
                bucket,
                "rclone-server-modtime/",
                expected));
        try (S3Client client = s3.sweeperClient(bucket)) {
          outcomes.add(
              timed(
                  "sweeper (1 request at a time)",
                  due,
                  () ->
                      sweep(
                          client,
                          bucket,
                          ageRule("sweeper-sequential/"),
                          SweepOptions.defaults().withConcurrency(1)),
                  s3,
                  bucket,
                  "sweeper-sequential/",
                  expected));
          outcomes.add(
              timed(
                  "sweeper",
                  due,
                  () -> sweep(client, bucket, ageRule("sweeper/"), SweepOptions.defaults()),
                  s3,
                  bucket,
                  "sweeper/",
                  expected));
        }
      } finally {
        s3.dropBucket(bucket);
      }
    }
    return outcomes;
  }

  /**
   * Files straight into s3proxy's directory, mtime set: due ones 400 days old, young ones 1 day,
   * 200 "users".
   */
  private static void writeAged(Path root, String prefix, int due, int young, Instant now)
      throws Exception {
    byte[] body = "face".getBytes();
    FileTime old = FileTime.from(now.minus(Duration.ofDays(400)));
    FileTime recent = FileTime.from(now.minus(Duration.ofDays(1)));
    for (int i = 0; i < due + young; i++) {
      boolean isDue = i < due;
      Path file =
          root.resolve(
              prefix + "u" + (i % 200) + "/" + (isDue ? "due-" + i : "young-" + i) + ".jpg");
      Files.createDirectories(file.getParent());
      Files.write(file, body);
      Files.setLastModifiedTime(file, isDue ? old : recent);
    }
  }

  private static ObjectSweep ageRule(String prefix) {
    return new ObjectSweep(
        prefix,
        Map.of(),
        Duration.ofDays(30),
        null,
        null,
        "0 * * * *",
        Long.MAX_VALUE,
        Mechanism.Role.PRIMARY);
  }

  // --- moto: tag-dependent rules against the same rule without tags
  // --------------------------------------------

  private static List<Outcome> tagDependentOnMoto(int objects, Duration retention)
      throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    try (BenchS3 s3 = new BenchS3("EKYC_IT_S3_URL")) {
      String bucket = "bench-sweep-tags-" + UUID.randomUUID().toString().substring(0, 8);
      s3.setup.createBucket(b -> b.bucket(bucket));
      try {
        List<String> prefixes = List.of("untagged/", "tagged-sequential/", "tagged/");
        progress(
            "moto: %,d tagged objects under each of %d prefixes, then %s until they are old",
            objects, prefixes.size(), retention);
        int young = Math.max(1, objects / 10);
        putTagged(s3.setup, bucket, prefixes, 0, objects);
        Instant lastOld = s3.serverNow(bucket);
        Instant deadline = Instant.now().plus(retention.multipliedBy(3));
        while (!s3.serverNow(bucket).isAfter(lastOld.plus(retention).plusSeconds(2))) {
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("moto's clock did not pass " + retention + " in time");
          }
          Thread.sleep(500); // waiting for real age on a server that cannot backdate
        }
        putTagged(s3.setup, bucket, prefixes, objects, young);
        Instant youngSince = s3.serverNow(bucket);
        TreeSet<String> all = s3.keys(bucket, "untagged/");
        TreeSet<String> untaggedKeep = new TreeSet<>(all);
        untaggedKeep.removeIf(k -> index(k) < objects);
        TreeSet<String> taggedKeep = new TreeSet<>(all);
        taggedKeep.removeIf(
            k -> index(k) < objects && index(k) % 10 > 1); // held (0) and consented (1) stay
        try (S3Client client = s3.sweeperClient(bucket)) {
          outcomes.add(
              timed(
                  "sweeper, untagged rule",
                  objects,
                  () ->
                      sweep(
                          client,
                          bucket,
                          tagRule("untagged/", retention, false),
                          SweepOptions.defaults()),
                  s3,
                  bucket,
                  "untagged/",
                  untaggedKeep));
          outcomes.add(
              timed(
                  "sweeper, tag rule, 1 at a time",
                  objects,
                  () ->
                      sweep(
                          client,
                          bucket,
                          tagRule("tagged-sequential/", retention, true),
                          SweepOptions.defaults().withConcurrency(1)),
                  s3,
                  bucket,
                  "tagged-sequential/",
                  taggedKeep));
          outcomes.add(
              timed(
                  "sweeper, tag rule",
                  objects,
                  () ->
                      sweep(
                          client,
                          bucket,
                          tagRule("tagged/", retention, true),
                          SweepOptions.defaults()),
                  s3,
                  bucket,
                  "tagged/",
                  taggedKeep));
        }
        if (!s3.serverNow(bucket).isBefore(youngSince.plus(retention))) {
          throw new IllegalStateException(
              "the sweeps outlasted the retention ("
                  + retention
                  + "): young objects may"
                  + " have aged; rerun with a longer retention argument");
        }
      } finally {
        s3.dropBucket(bucket);
      }
    }
    return outcomes;
  }

  private static int index(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1, key.lastIndexOf('.')));
  }

  /**
   * Objects {@code from} to {@code from + count - 1} under each prefix; one in ten held, one in ten
   * consented.
   */
  private static void putTagged(
      S3Client s3, String bucket, List<String> prefixes, int from, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (String prefix : prefixes) {
        for (int i = from; i < from + count; i++) {
          int n = i;
          List<Tag> tags =
              switch (n % 10) {
                case 0 -> List.of(Tag.builder().key(HOLD_TAG).value("case-7").build());
                case 1 -> List.of(Tag.builder().key(CONSENT_TAG).value("granted").build());
                default -> List.of(Tag.builder().key("kind").value("selfie").build());
              };
          String key = prefix + "u" + (n % 200) + "/obj-" + n + ".jpg";
          puts.add(
              pool.submit(
                  () ->
                      s3.putObject(
                          b ->
                              b.bucket(bucket)
                                  .key(key)
                                  .tagging(Tagging.builder().tagSet(tags).build()),
                          RequestBody.fromString("face"))));
        }
      }
      for (Future<?> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static ObjectSweep tagRule(String prefix, Duration retention, boolean tagDependent) {
    if (!tagDependent) {
      return new ObjectSweep(
          prefix,
          Map.of(),
          retention,
          null,
          null,
          "0 * * * *",
          Long.MAX_VALUE,
          Mechanism.Role.PRIMARY);
    }
    var consent =
        new ObjectConsent(
            CONSENT_POLICY,
            CONSENT_TAG,
            "granted",
            null,
            Duration.ofDays(365),
            Duration.ofMinutes(15));
    return new ObjectSweep(
        prefix,
        Map.of(),
        retention,
        consent,
        HOLD_TAG,
        "0 * * * *",
        Long.MAX_VALUE,
        Mechanism.Role.PRIMARY);
  }

  // --- running and reporting
  // -------------------------------------------------------------------------------------

  interface Run {
    void run() throws Exception;
  }

  private static void sweep(
      S3Client client, String bucket, ObjectSweep rule, SweepOptions options) {
    SweepResult result = new ObjectSweeper(client, bucket, options).sweep(rule);
    if (result.errors() > 0) {
      throw new IllegalStateException("sweep errors: " + result.errorCodes());
    }
  }

  private static Outcome timed(
      String name,
      long due,
      Run run,
      BenchS3 s3,
      String bucket,
      String prefix,
      TreeSet<String> expected)
      throws Exception {
    int before = s3.keys(bucket, prefix).size();
    progress("%s ...", name);
    long started = System.nanoTime();
    run.run();
    double seconds = (System.nanoTime() - started) / 1e9;
    TreeSet<String> left = s3.keys(bucket, prefix);
    String deleted = String.format(Locale.ROOT, "%,d", before - left.size());
    boolean right = left.equals(expected);
    if (!right) {
      progress("%s left %,d objects, %,d expected", name, left.size(), expected.size());
    }
    return new Outcome(name, due, seconds, deleted, right);
  }

  private static boolean report(
      int due, int young, int tagged, List<Outcome> untagged, List<Outcome> tags) throws Exception {
    PrintStream out = BenchReport.open();
    Outcome rclone = untagged.get(0);
    Outcome rcloneFast = untagged.get(1);
    Outcome sequential = untagged.get(2);
    Outcome sweeper = untagged.get(3);
    out.printf(
        Locale.ROOT,
        "sweep ratios (%,d due, %,d young, s3proxy): sweeper/rclone %.1fx (target >= 5), "
            + "sweeper/rclone --use-server-modtime %.1fx, sweeper/sweeper one request at a time %.1fx%n",
        due,
        young,
        sweeper.objectsPerSecond() / rclone.objectsPerSecond(),
        sweeper.objectsPerSecond() / rcloneFast.objectsPerSecond(),
        sweeper.objectsPerSecond() / sequential.objectsPerSecond());
    out.printf(
        Locale.ROOT,
        "tag ratio (%,d objects per prefix, moto): tag rule takes %.2fx the untagged rule's time"
            + " (target <= 2); one request at a time it took %.2fx%n",
        tagged,
        tags.get(2).seconds() / tags.get(0).seconds(),
        tags.get(1).seconds() / tags.get(0).seconds());
    out.printf(
        Locale.ROOT,
        "%-32s %10s %9s %12s %s%n",
        "contender",
        "deleted",
        "seconds",
        "objects/s",
        "survivors");
    List<Outcome> all = new ArrayList<>(untagged);
    all.addAll(tags);
    for (Outcome o : all) {
      out.printf(
          Locale.ROOT,
          "%-32s %10s %9.2f %,12.0f %s%n",
          o.name(),
          o.deleted(),
          o.seconds(),
          o.objectsPerSecond(),
          o.survivorsRight() ? "as expected" : "DIFFER");
    }
    out.println(
        "objects/s: objects examined past the retention per second (s3proxy: due objects; moto: all old"
            + " objects, held and consented ones included)");
    boolean right = all.stream().allMatch(Outcome::survivorsRight);
    out.println(
        right
            ? "survivors: identical to the expected set for every contender"
            : "survivors: DIFFER");
    out.flush();
    return right;
  }

  static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[sweep-bench] " + format + "%n", args);
  }
}
