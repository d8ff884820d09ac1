package dev.ekyc.operator.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line (kubectl, helm, a testenv script) and returns its output; a failure fails the
 * test.
 */
final class Commands {
  private static final long TIMEOUT_SECONDS = 300;

  private Commands() {}

  static String run(String... command) {
    String shown = String.join(" ", command);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // Read while it runs (a full pipe would block it), bounded by the timeout below.
      var output = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try {
                  output.append(
                      new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                  output.append("(output unreadable: ").append(e.getMessage()).append(')');
                }
              });
      reader.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(shown + " did not finish within " + TIMEOUT_SECONDS + "s");
      }
      reader.join(10_000);
      if (process.exitValue() != 0) {
        fail(shown + " exited with " + process.exitValue() + ":\n" + output);
      }
      return output.toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + shown + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + shown, e);
    }
  }
}
