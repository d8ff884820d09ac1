package dev.ekyc.operator.probe;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Classifies network failures the same way for every probe, and describes them in one short line.
 * Only exception types and messages of the network stack are used: they never contain credentials.
 */
final class FailureText {
  private FailureText() {}

  /**
   * Unreachable or TlsFailed for a network-level failure somewhere in the cause chain, else empty.
   */
  static Optional<ProbeResult> network(Throwable error, String where, ProbeTimeouts timeouts) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return Optional.of(
            ProbeResult.failed(
                ProbeOutcome.TlsFailed,
                "TLS handshake with "
                    + where
                    + " failed ("
                    + oneLine(t)
                    + "): if the server uses a private CA, put it in a Secret and set caSecretRef"));
      }
      if (t instanceof UnknownHostException) {
        return Optional.of(
            ProbeResult.failed(
                ProbeOutcome.Unreachable,
                "cannot resolve the host of " + where + ": check the endpoint/host in the spec"));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return Optional.of(
            ProbeResult.failed(
                ProbeOutcome.Unreachable,
                "cannot connect to "
                    + where
                    + " ("
                    + oneLine(t)
                    + "): is the server running and the port right?"));
      }
      if (t instanceof HttpConnectTimeoutException) {
        return Optional.of(
            ProbeResult.failed(
                ProbeOutcome.Unreachable,
                "no connection to " + where + " within " + timeouts.connect().toSeconds() + "s"));
      }
      if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
        return Optional.of(
            ProbeResult.failed(
                ProbeOutcome.Unreachable,
                where + " did not answer within the probe timeout (" + oneLine(t) + ")"));
      }
    }
    return Optional.empty();
  }

  /** The exception's class and first message line, at most 300 characters. */
  static String oneLine(Throwable t) {
    String message = t.getMessage();
    String text =
        t.getClass().getSimpleName()
            + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    return text.length() <= 300 ? text : text.substring(0, 297) + "...";
  }
}
