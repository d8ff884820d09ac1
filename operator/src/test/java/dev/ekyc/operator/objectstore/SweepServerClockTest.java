package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpResponse;

/** "Now" is the server's Date header or nothing: never a silent fall back to the local clock. */
class SweepServerClockTest {
  @Test
  void readsTheDateHeader() {
    SdkHttpResponse http =
        SdkHttpResponse.builder()
            .statusCode(200)
            .putHeader("Date", "Sun, 01 Mar 2026 12:00:07 GMT")
            .build();
    assertThat(ServerClock.now(http)).isEqualTo(Instant.parse("2026-03-01T12:00:07Z"));
  }

  @Test
  void noDateHeaderStopsTheSweep() {
    assertThatThrownBy(() -> ServerClock.now(SdkHttpResponse.builder().statusCode(200).build()))
        .isInstanceOf(SweepException.class)
        .hasMessageContaining("Date header");
    assertThatThrownBy(
            () ->
                ServerClock.now(
                    SdkHttpResponse.builder()
                        .statusCode(200)
                        .putHeader("Date", "yesterday")
                        .build()))
        .isInstanceOf(SweepException.class)
        .hasMessageContaining("yesterday");
  }
}
