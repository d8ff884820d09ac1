package dev.ekyc.operator.cluster;

import dev.ekyc.operator.it.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private moto S3 server on the host's loopback whose clock the test sets: libfaketime, preloaded
 * into it, reads a time offset from a file at every clock call. Objects written while the offset
 * is, say, -3h get a LastModified 3 hours back, and keep their tags; with the offset back at 0 the
 * server's Date header (the sweeper's clock) is the real time again. Neither shared S3 server can
 * hold an object that is both old and tagged (s3proxy ages by file mtime but has no tagging; moto
 * tags but stamps the current time), and the shared moto's clock is not the test's to change.
 * Everything else is plain moto: listing, tagging, DeleteObjects, lifecycle configurations.
 */
final class ClockShiftedMoto implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path clockFile;
  private final int port;

  private ClockShiftedMoto(Process process, Path clockFile, int port) {
    this.process = process;
    this.clockFile = clockFile;
    this.port = port;
  }

  static ClockShiftedMoto start(RealCluster cluster) throws IOException {
    cluster.requireClockShiftedMoto();
    int port = freePort();
    Path dir = Files.createTempDirectory("clock-shifted-moto");
    Path clockFile = dir.resolve("offset");
    Files.writeString(clockFile, "+0\n");
    ProcessBuilder builder =
        new ProcessBuilder(
                cluster.motoServer().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("moto.log").toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "LD_PRELOAD", cluster.faketimeLib().toString(),
                "FAKETIME_TIMESTAMP_FILE", clockFile.toString(),
                // Read the offset at every call, so a change applies to the next request.
                "FAKETIME_NO_CACHE", "1"));
    Process process = builder.start();
    ClockShiftedMoto moto = new ClockShiftedMoto(process, clockFile, port);
    Eventually.await(
        "the clock-shifted moto on port " + port + " (log: " + dir.resolve("moto.log") + ")",
        START_TIMEOUT,
        moto::answers,
        up -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "the clock-shifted moto exited with "
                    + process.exitValue()
                    + "; log: "
                    + dir.resolve("moto.log"));
          }
          return up;
        });
    System.out.println("[it] clock-shifted moto on 127.0.0.1:" + port);
    return moto;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** From now on the server's clock runs {@code behind} the real time (zero: the real time). */
  void setClockBehind(Duration behind) {
    try {
      Files.writeString(clockFile, (behind.isZero() ? "+0" : "-" + behind.toSeconds()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + clockFile, e);
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
