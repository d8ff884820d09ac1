package dev.ekyc.operator.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerFeaturesTest {

  @Test
  void deleteReturningOnlyOnMariaDb105AndLater() {
    assertThat(ServerFeatures.deleteReturning("10.11.19-MariaDB-0+deb12u1")).isTrue();
    assertThat(ServerFeatures.deleteReturning("10.5.0-MariaDB")).isTrue();
    assertThat(ServerFeatures.deleteReturning("11.4.2-MariaDB-log")).isTrue();
    assertThat(ServerFeatures.deleteReturning("5.5.5-10.6.12-MariaDB")).isTrue();
    assertThat(ServerFeatures.deleteReturning("10.4.30-MariaDB")).isFalse();
    assertThat(ServerFeatures.deleteReturning("5.5.5-10.3.39-MariaDB")).isFalse();
    assertThat(ServerFeatures.deleteReturning("8.0.36")).isFalse();
    assertThat(ServerFeatures.deleteReturning("8.4.0-commercial")).isFalse();
    assertThat(ServerFeatures.deleteReturning((String) null)).isFalse();
  }

  @Test
  void lockTablesNowaitOnlyOnMariaDb103AndLater() {
    assertThat(ServerFeatures.lockTablesNowait("10.11.19-MariaDB-0+deb12u1")).isTrue();
    assertThat(ServerFeatures.lockTablesNowait("10.3.0-MariaDB")).isTrue();
    assertThat(ServerFeatures.lockTablesNowait("5.5.5-10.3.39-MariaDB")).isTrue();
    assertThat(ServerFeatures.lockTablesNowait("10.2.44-MariaDB")).isFalse();
    assertThat(ServerFeatures.lockTablesNowait("8.0.36")).isFalse();
    assertThat(ServerFeatures.lockTablesNowait((String) null)).isFalse();
  }
}
