package dev.ekyc.operator.reconcile.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaseSettingsTest {
  private final LeaseSettings lease =
      new LeaseSettings("ekyc-leader", Optional.of("ops"), Optional.of("pod-1"));

  @Test
  void losingTheLeaseWhileRunningExits_releasingItOnStopDoesNot() {
    AtomicBoolean stopping = new AtomicBoolean(false);
    AtomicInteger exits = new AtomicInteger();
    var config = lease.toConfiguration(stopping::get, exits::incrementAndGet);

    assertThat(config.isExitOnStopLeading())
        .isFalse(); // JOSDK's own exit would also fire on a requested stop
    var callbacks = config.getLeaderCallbacks().orElseThrow();
    callbacks.onStopLeading();
    assertThat(exits).hasValue(1);

    stopping.set(true);
    callbacks.onStopLeading();
    assertThat(exits).hasValue(1);
  }

  @Test
  void nameNamespaceAndIdentityAreUsed() {
    var config = lease.toConfiguration(() -> false, () -> {});
    assertThat(config.getLeaseName()).isEqualTo("ekyc-leader");
    assertThat(config.getLeaseNamespace()).contains("ops");
    assertThat(config.getIdentity()).contains("pod-1");
  }

  @Test
  void aLeaseNeedsAName() {
    assertThatThrownBy(() -> new LeaseSettings(" ", Optional.empty(), Optional.empty()))
        .hasMessageContaining("--lease-name");
  }
}
