package dev.ekyc.operator.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.SqlEngine;
import dev.ekyc.operator.api.v1alpha1.SqlSpec;
import dev.ekyc.operator.api.v1alpha1.SqlTlsMode;
import dev.ekyc.operator.api.v1alpha1.SqlTlsSpec;
import dev.ekyc.operator.credentials.SecretValue;
import dev.ekyc.operator.credentials.StoreCredentials;
import dev.ekyc.operator.credentials.UsernamePassword;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlProbeTest {
  private static final ProbeTimeouts FAST =
      new ProbeTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));

  @Test
  void tlsModesMapToTheDriversSslModes() {
    assertThat(SqlProbe.sslMode(SqlTlsMode.Disabled)).isEqualTo("disable");
    assertThat(SqlProbe.sslMode(SqlTlsMode.Required)).isEqualTo("trust");
    assertThat(SqlProbe.sslMode(SqlTlsMode.VerifyCA)).isEqualTo("verify-ca");
    assertThat(SqlProbe.sslMode(SqlTlsMode.VerifyIdentity)).isEqualTo("verify-full");
  }

  @Test
  void accessDeniedIsAuthenticationFailed() {
    var e =
        new SQLException(
            "Access denied for user 'ekyc'@'localhost' (using password: YES)", "28000", 1045);
    ProbeResult r = SqlProbe.classify(e, "MariaDB at db:3306", "ekyc", FAST);
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.AuthenticationFailed);
    assertThat(r.message()).contains("ekyc", "1045");
  }

  @Test
  void aClosedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    SqlSpec spec = new SqlSpec();
    spec.engine = SqlEngine.MariaDB;
    spec.host = "127.0.0.1";
    spec.port = port;
    spec.database = "ekyc";
    spec.tls = new SqlTlsSpec();
    spec.tls.mode = SqlTlsMode.Disabled;
    var creds =
        new StoreCredentials.Sql(
            new UsernamePassword("ekyc", SecretValue.of("pw-not-shown")), Optional.empty());
    ProbeResult r = new SqlProbe(FAST).probe(spec, creds);
    assertThat(r.outcome()).isEqualTo(ProbeOutcome.Unreachable);
    assertThat(r.message()).contains(String.valueOf(port)).doesNotContain("pw-not-shown");
  }

  @Test
  void secretValuesNeverPrint() {
    assertThat(SecretValue.of("abc").toString()).isEqualTo("***");
    assertThat(new UsernamePassword("u", SecretValue.of("abc")).toString()).doesNotContain("abc");
  }
}
