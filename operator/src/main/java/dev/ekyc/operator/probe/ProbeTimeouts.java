package dev.ekyc.operator.probe;

import java.time.Duration;

/** How long a probe may wait: to open the connection, and for each answer. */
public record ProbeTimeouts(Duration connect, Duration read) {

  public static final ProbeTimeouts DEFAULT =
      new ProbeTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));

  public ProbeTimeouts {
    if (connect.isNegative() || connect.isZero() || read.isNegative() || read.isZero()) {
      throw new IllegalArgumentException(
          "probe timeouts must be positive, got connect=" + connect + " read=" + read);
    }
  }
}
