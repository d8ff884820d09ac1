package dev.ekyc.operator.bench;

import dev.ekyc.operator.objectstore.ObjectSweeper;
import dev.ekyc.operator.objectstore.SweepOptions;
import dev.ekyc.operator.objectstore.SweepResult;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.policy.ObjectSweep;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bench/sweep-memory.sh: the sweeper's live heap while it sweeps generated buckets of growing size
 * (no server, so only the sweeper's memory is measured): each size swept as the operator runs it
 * and one request at a time, the live heap sampled after a forced GC every 100 ms. Constant memory
 * means the figure does not grow with the bucket. Arguments: object counts (default 10000 100000
 * 1000000), 1,000 objects per sub-prefix.
 */
public final class SweepMemoryBench {
  private SweepMemoryBench() {}

  record Sample(long objects, String mode, long deleted, double seconds, double peakLiveMiB) {}

  public static void main(String[] args) throws Exception {
    List<Long> sizes = new ArrayList<>();
    for (String arg : args.length > 0 ? args : new String[] {"10000", "100000", "1000000"}) {
      sizes.add(Long.parseLong(arg));
    }
    List<Sample> samples = new ArrayList<>();
    for (long size : sizes) {
      for (SweepOptions options :
          List.of(SweepOptions.defaults(), SweepOptions.defaults().withConcurrency(1))) {
        samples.add(measure(size, options));
      }
    }
    PrintStream out = BenchReport.open();
    // The last two sizes, as the operator runs it: the smallest runs are too short for the pipeline
    // to fill.
    Sample smallest = samples.get(Math.max(0, samples.size() - 4));
    Sample largest = samples.get(samples.size() - 2);
    out.printf(
        Locale.ROOT,
        "sweep memory ratio: live heap at %,d objects / at %,d objects = %.2f (constant: about"
            + " 1; the bucket grew %,dx)%n",
        largest.objects(),
        smallest.objects(),
        largest.peakLiveMiB() / smallest.peakLiveMiB(),
        largest.objects() / smallest.objects());
    out.printf(
        Locale.ROOT,
        "%12s %-24s %10s %9s %16s%n",
        "objects",
        "sweeper",
        "deleted",
        "seconds",
        "peak live MiB");
    for (Sample s : samples) {
      out.printf(
          Locale.ROOT,
          "%,12d %-24s %,10d %9.2f %16.1f%n",
          s.objects(),
          s.mode(),
          s.deleted(),
          s.seconds(),
          s.peakLiveMiB());
    }
    out.println(
        "peak live MiB: heap used right after a forced GC, sampled every 100 ms during the sweep (JVM:"
            + " "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB max heap)");
    out.flush();
    boolean allDeleted = samples.stream().allMatch(s -> s.deleted() == s.objects());
    System.exit(allDeleted ? 0 : 1);
  }

  private static Sample measure(long objects, SweepOptions options) throws Exception {
    int perUser = 1000;
    GeneratedBucket bucket = new GeneratedBucket((int) Math.max(1, objects / perUser), perUser);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    long[] peak = {0};
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed() - baseline);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long started = System.nanoTime();
    SweepResult result =
        new ObjectSweeper(bucket, "generated", options)
            .sweep(
                new ObjectSweep(
                    GeneratedBucket.PREFIX,
                    Map.of(),
                    Duration.ofDays(30),
                    null,
                    null,
                    "0 * * * *",
                    Long.MAX_VALUE,
                    Mechanism.Role.PRIMARY));
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    sampler.join();
    String mode =
        options.concurrency() > 1
            ? "concurrency " + options.concurrency()
            : "one request at a time";
    return new Sample(
        bucket.objects(), mode, result.deleted(), seconds, Math.max(peak[0], 0) / (1024.0 * 1024));
  }
}
