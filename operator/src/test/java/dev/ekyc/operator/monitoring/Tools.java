package dev.ekyc.operator.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a tool to completion and returns its output; a non-zero exit throws with the output. */
final class Tools {
  private static final long TIMEOUT_SECONDS = 120;

  private Tools() {}

  static String run(List<String> command, Path dir) {
    return result(command, dir, true).output();
  }

  record Result(int exitCode, String output) {}

  static Result result(List<String> command, Path dir, boolean mustSucceed) {
    String shown = String.join(" ", command);
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
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
        throw new IllegalStateException(shown + " did not finish within " + TIMEOUT_SECONDS + " s");
      }
      reader.join(10_000);
      if (mustSucceed && process.exitValue() != 0) {
        throw new IllegalStateException(
            shown + " exited with " + process.exitValue() + ":\n" + output);
      }
      return new Result(process.exitValue(), output.toString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + shown + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + shown, e);
    }
  }
}
