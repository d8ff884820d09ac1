package dev.ekyc.operator.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as its image runs it ({@code Main run}) in a JVM of its own, for the benchmarks: its
 * memory and CPU are then the operator's alone, and it runs with the JVM options the bench passes
 * (the chart's defaults, see bench/scale.sh). Watches all namespaces, as the chart does by default.
 * Reads memory and CPU from /proc and jcmd.
 */
final class OperatorProcess implements AutoCloseable {
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int healthPort;

  private OperatorProcess(Process process, int healthPort) {
    this.process = process;
    this.healthPort = healthPort;
  }

  /**
   * @param classpath the operator's classes and dependencies
   * @param javaOptions JVM options, space-separated
   * @param extraArgs further arguments of {@code run}, e.g. {@code --drift-interval 10s}
   */
  static OperatorProcess start(
      String classpath, String javaOptions, Path kubeconfig, Path log, String... extraArgs)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Arrays.stream(javaOptions.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(command::add);
    command.addAll(
        List.of(
            "-cp",
            classpath,
            "dev.ekyc.operator.cli.Main",
            "run",
            "--health-port",
            String.valueOf(port),
            "--health-address",
            "127.0.0.1"));
    command.addAll(Arrays.asList(extraArgs));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    OperatorProcess operator = new OperatorProcess(builder.start(), port);
    Eventually.await(
        "the operator process to answer /readyz",
        Duration.ofSeconds(120),
        operator::ready,
        ready -> ready);
    return operator;
  }

  private boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the operator process exited with " + process.exitValue() + "; see its log");
    }
    try {
      return get("/readyz").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** Resident memory now and at its peak (VmRSS, VmHWM), in MiB. */
  double[] residentMiB() throws IOException {
    double rss = 0;
    double peak = 0;
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = kib(line) / 1024.0;
      } else if (line.startsWith("VmHWM:")) {
        peak = kib(line) / 1024.0;
      }
    }
    return new double[] {rss, peak};
  }

  /** User plus system CPU the process has used so far, in seconds. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks =
        Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
    return ticks / 100.0; // USER_HZ is 100 on Linux
  }

  /**
   * The live heap after a full GC (jcmd GC.run, then GC.heap_info), and the heap's maximum, in MiB.
   */
  double[] liveHeapMiB() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    double used = 0;
    Matcher m = HEAP_USED.matcher(info);
    while (m.find()) {
      used += Long.parseLong(m.group(1)) / 1024.0;
    }
    String flags = jcmd("VM.flags");
    Matcher max = Pattern.compile("MaxHeapSize=(\\d+)").matcher(flags);
    return new double[] {used, max.find() ? Long.parseLong(max.group(1)) / (1024.0 * 1024) : -1};
  }

  /**
   * The operator's heap by class (jcmd GC.class_histogram, after a full GC), written to {@code
   * file}: what the live heap holds. Returns the histogram's total in MiB.
   */
  double histogram(Path file) throws IOException, InterruptedException {
    String histogram = jcmd("GC.class_histogram");
    Files.writeString(file, histogram);
    Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
    return total.find() ? Long.parseLong(total.group(1)) / (1024.0 * 1024) : Double.NaN;
  }

  /** The operator's /metrics lines whose name starts with one of {@code prefixes} (no comments). */
  List<String> metrics(String... prefixes) throws IOException {
    String body = get("/metrics").body();
    return body.lines()
        .filter(l -> !l.startsWith("#"))
        .filter(l -> Arrays.stream(prefixes).anyMatch(l::startsWith))
        .toList();
  }

  /**
   * Sum of the values of the metric lines starting with {@code prefix}; NaN when the operator does
   * not answer.
   */
  double metricSum(String prefix) {
    try {
      return metrics(prefix).stream()
          .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
          .sum();
    } catch (IOException e) {
      System.err.println("[bench] no metrics from the operator: " + e);
      return Double.NaN;
    }
  }

  private HttpResponse<String> get(String path) throws IOException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + path))
              .timeout(Duration.ofSeconds(60))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    return out;
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  static String describe(double[] pair) {
    return String.format(Locale.ROOT, "%.0f MiB (peak %.0f MiB)", pair[0], pair[1]);
  }
}
