package dev.ekyc.operator.monitoring;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus or Alertmanager (Debian's binaries) started by a test on a free loopback port
 * with a temporary configuration and storage, stopped by {@link #close()} (the process the test
 * started, by its handle).
 */
public final class MonitoringServer implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path log;

  private MonitoringServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Prometheus with {@code config} (its rule files beside it), data under {@code dir}. */
  public static MonitoringServer prometheus(Path dir, Path config) throws IOException {
    int port = freePort();
    return start(
        dir,
        "prometheus",
        port,
        List.of(
            MonitoringTools.prometheus().toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn"));
  }

  /** Alertmanager with {@code config}, clustering off, data under {@code dir}. */
  public static MonitoringServer alertmanager(Path dir, Path config) throws IOException {
    int port = freePort();
    return start(
        dir,
        "alertmanager",
        port,
        List.of(
            MonitoringTools.alertmanager().toString(),
            "--config.file=" + config,
            "--storage.path=" + dir.resolve("alertmanager-data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address=",
            "--log.level=warn"));
  }

  private static MonitoringServer start(Path dir, String name, int port, List<String> command)
      throws IOException {
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(new ArrayList<>(command))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    MonitoringServer server = new MonitoringServer(process, port, log);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!server.ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException(
            name + " did not become ready on port " + port + ":\n" + Files.readString(log));
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return server;
  }

  public int port() {
    return port;
  }

  public URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  /** GET, the response body; a status other than 200 throws with the body. */
  public String get(String pathAndQuery) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + pathAndQuery + ": " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("GET " + pathAndQuery + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  private boolean ready() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(url("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
