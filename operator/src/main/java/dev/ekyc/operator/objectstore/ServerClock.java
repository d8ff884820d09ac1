package dev.ekyc.operator.objectstore;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * "Now" for a sweep, read from the S3 server's {@code Date} response header, never from the local
 * clock: the objects' LastModified comes from the server's clock, so the age must too (a pod clock
 * running fast would delete early). The header has whole seconds, so "now" is up to a second behind
 * the server: ages come out up to a second short, which can only delete later, never earlier.
 */
public final class ServerClock {
  private ServerClock() {}

  public static Instant now(SdkHttpResponse response) {
    String date =
        response
            .firstMatchingHeader("Date")
            .orElseThrow(
                () ->
                    new SweepException(
                        "the S3 response has no Date header, so the server's time is unknown;"
                            + " the sweeper does not fall back to the local clock"));
    try {
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new SweepException("the S3 response's Date header is not an RFC 1123 date: " + date, e);
    }
  }
}
