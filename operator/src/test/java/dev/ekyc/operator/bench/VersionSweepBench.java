package dev.ekyc.operator.bench;

import dev.ekyc.operator.objectstore.BucketVersioning;
import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectSweep;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/**
 * bench/sweep-versions.sh: the version-aware sweep on a versioned moto bucket against the object
 * sweep of an unversioned bucket holding as many objects as the versioned one holds due versions
 * (the baseline: what the same rule costs without versions), and against itself one request at a
 * time. Each versioned prefix holds {@code keys} keys of {@code versions} old versions each, every
 * fifth key deleted plainly (a delete marker), and {@code young} keys written after the wait (one
 * young version each). Age is real: objects become old by waiting out {@code retentionSeconds} by
 * the server's Date header (moto cannot backdate). Survivors are checked version by version: after
 * each sweep exactly the young version IDs written are left, and no marker. Prints the ratios
 * first; exits 1 when a contender leaves other survivors. Arguments: keys (1000), versions (3),
 * young (100), retention seconds (10).
 */
public final class VersionSweepBench {
  private VersionSweepBench() {}

  record Outcome(
      String name, long examined, double seconds, SweepResult result, boolean survivorsRight) {
    double perSecond() {
      return examined / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int versions = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int young = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Duration retention = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 10);
    List<Outcome> outcomes = new ArrayList<>();
    try (BenchS3 s3 = new BenchS3("EKYC_IT_S3_URL")) {
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      String versioned = "bench-versions-" + suffix;
      String plain = "bench-objects-" + suffix;
      s3.setup.createBucket(b -> b.bucket(versioned));
      s3.setup.putBucketVersioning(
          b -> b.bucket(versioned).versioningConfiguration(v -> v.status("Enabled")));
      s3.setup.createBucket(b -> b.bucket(plain));
      List<String> prefixes = List.of("sequential/", "concurrent/");
      progress(
          "moto: %,d keys x %d versions (every fifth key behind a marker) under each of %s, %,d objects in"
              + " the unversioned baseline, then %s until they are old",
          keys, versions, prefixes, keys * versions, retention);
      ExecutorService writers = Executors.newFixedThreadPool(8);
      try {
        List<Future<?>> writes = new ArrayList<>();
        for (String prefix : prefixes) {
          for (int k = 0; k < keys; k++) {
            String key = prefix + "u" + (k % 50) + "/face-" + k + ".jpg";
            boolean marker = k % 5 == 0;
            writes.add(
                writers.submit(
                    () -> {
                      for (int v = 0; v < versions; v++) {
                        put(s3.setup, versioned, key);
                      }
                      if (marker) {
                        s3.setup.deleteObject(b -> b.bucket(versioned).key(key));
                      }
                    }));
          }
        }
        for (int i = 0; i < keys * versions; i++) {
          String key = "objects/u" + (i % 50) + "/face-" + i + ".jpg";
          writes.add(writers.submit(() -> put(s3.setup, plain, key)));
        }
        for (Future<?> w : writes) {
          w.get();
        }
        Instant lastOld = s3.serverNow(versioned);
        while (!s3.serverNow(versioned).isAfter(lastOld.plus(retention).plusSeconds(1))) {
          Thread.sleep(250); // polling the server's clock, not a fixed wait
        }
        try (S3Client client = s3.sweeperClient(versioned)) {
          long due = (long) keys * versions;
          outcomes.add(
              timed(
                  "object sweep, unversioned (baseline)",
                  due,
                  client,
                  plain,
                  "objects/",
                  retention,
                  SweepOptions.defaults(),
                  s3,
                  Set.of()));
          // Young versions are written right before each sweep, so they are younger than the
          // retention when its
          // cutoff is taken however long the contenders before it took.
          outcomes.add(
              timed(
                  "version sweep, 1 request at a time",
                  due,
                  client,
                  versioned,
                  "sequential/",
                  retention,
                  SweepOptions.defaults().withConcurrency(1),
                  s3,
                  young(s3.setup, versioned, "sequential/", young)));
          outcomes.add(
              timed(
                  "version sweep",
                  due,
                  client,
                  versioned,
                  "concurrent/",
                  retention,
                  SweepOptions.defaults(),
                  s3,
                  young(s3.setup, versioned, "concurrent/", young)));
        }
      } finally {
        writers.shutdownNow();
        dropVersions(s3.setup, versioned);
        s3.dropBucket(plain);
      }
    }
    System.exit(report(keys, versions, young, outcomes) ? 0 : 1);
  }

  /** One young version under {@code prefix}young/ per key; their key@versionId. */
  private static Set<String> young(S3Client s3, String bucket, String prefix, int count) {
    Set<String> ids = new TreeSet<>();
    for (int y = 0; y < count; y++) {
      String key = prefix + "young/face-" + y + ".jpg";
      ids.add(key + "@" + put(s3, bucket, key));
    }
    return ids;
  }

  private static String put(S3Client s3, String bucket, String key) {
    return s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString("face")).versionId();
  }

  private static Outcome timed(
      String name,
      long due,
      S3Client client,
      String bucket,
      String prefix,
      Duration retention,
      SweepOptions options,
      BenchS3 s3,
      Set<String> survivors) {
    progress("%s ...", name);
    ObjectSweep rule =
        new ObjectSweep(
            prefix,
            Map.of(),
            retention,
            null,
            null,
            "* * * * *",
            Long.MAX_VALUE,
            Mechanism.Role.PRIMARY);
    long started = System.nanoTime();
    SweepResult result = new ObjectSweeper(client, bucket, options).sweep(rule);
    double seconds = (System.nanoTime() - started) / 1e9;
    TreeSet<String> left = new TreeSet<>();
    boolean markersLeft = false;
    for (var page : s3.setup.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix))) {
      for (ObjectVersion v : page.versions()) {
        left.add(v.key() + "@" + v.versionId());
      }
      markersLeft |= !page.deleteMarkers().isEmpty();
    }
    if (result.versioning() != BucketVersioning.ENABLED) {
      left.clear(); // unversioned: ListObjectVersions lists the objects as "null" versions; none
      // may be left
      left.addAll(s3.keys(bucket, prefix));
    }
    boolean right =
        left.equals(new TreeSet<>(survivors))
            && !markersLeft
            && result.deleted() == due
            && result.errors() == 0
            && result.hiddenNotErased() == 0;
    if (!right) {
      progress(
          "%s left %,d versions (%,d expected), markers left %s, deleted %,d of %,d, errors %d",
          name, left.size(), survivors.size(), markersLeft, result.deleted(), due, result.errors());
    }
    return new Outcome(name, result.listed(), seconds, result, right);
  }

  private static void dropVersions(S3Client s3, String bucket) {
    for (var page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
      page.versions()
          .forEach(
              v -> s3.deleteObject(b -> b.bucket(bucket).key(v.key()).versionId(v.versionId())));
      page.deleteMarkers()
          .forEach(
              v -> s3.deleteObject(b -> b.bucket(bucket).key(v.key()).versionId(v.versionId())));
    }
    s3.deleteBucket(b -> b.bucket(bucket));
  }

  private static boolean report(int keys, int versions, int young, List<Outcome> outcomes)
      throws Exception {
    PrintStream out = BenchReport.open();
    Outcome baseline = outcomes.get(0);
    Outcome sequential = outcomes.get(1);
    Outcome concurrent = outcomes.get(2);
    out.printf(
        Locale.ROOT,
        "version sweep ratios (%,d keys x %d versions, %,d young, moto): version sweep/object"
            + " sweep of as many unversioned objects %.2fx (versions/s over objects/s), version sweep/one request at"
            + " a time %.1fx%n",
        keys,
        versions,
        young,
        concurrent.perSecond() / baseline.perSecond(),
        concurrent.perSecond() / sequential.perSecond());
    out.printf(
        Locale.ROOT,
        "%-40s %10s %9s %9s %12s %s%n",
        "contender",
        "deleted",
        "markers",
        "seconds",
        "listed/s",
        "survivors");
    for (Outcome o : outcomes) {
      out.printf(
          Locale.ROOT,
          "%-40s %,10d %,9d %9.2f %,12.0f %s%n",
          o.name(),
          o.result().deleted(),
          o.result().markersRemoved(),
          o.seconds(),
          o.perSecond(),
          o.survivorsRight() ? "as expected" : "DIFFER");
    }
    out.println(
        "listed/s: versions (or objects) the sweep listed and decided per second; survivors: the young"
            + " version IDs written, checked by version ID, and no delete marker left");
    boolean right = outcomes.stream().allMatch(Outcome::survivorsRight);
    out.println(
        right
            ? "survivors: identical to the expected set for every contender"
            : "survivors: DIFFER");
    out.flush();
    return right;
  }

  static void progress(String format, Object... args) {
    System.err.printf(Locale.ROOT, "[version-sweep-bench] " + format + "%n", args);
  }
}
