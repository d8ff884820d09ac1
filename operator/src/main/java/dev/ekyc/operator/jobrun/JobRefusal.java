package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.job.ExitCode;

/**
 * The run must not start (or continue): the message says why and what to fix; never holds a secret.
 */
public final class JobRefusal extends RuntimeException {
  private final ExitCode exitCode;

  public JobRefusal(ExitCode exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
