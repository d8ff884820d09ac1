package dev.ekyc.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.jobrun.JobRefusal;
import dev.ekyc.operator.jobrun.RunLease;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run Lease against the real API server: renewed past its duration, refused to others, lost
 * when taken.
 */
class RunLeaseIT {
  private static final Duration SHORT = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static KubernetesClient client;
  private static String namespace;
  private static OwnerReference owner;

  @BeforeAll
  static void setUp() {
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-runlease");
    // Any existing object can own the Lease; the ConfigMap every namespace gets is not guaranteed
    // here.
    var cm =
        client
            .configMaps()
            .inNamespace(namespace)
            .resource(
                new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("owner")
                    .endMetadata()
                    .build())
            .create();
    owner =
        new OwnerReferenceBuilder()
            .withApiVersion("v1")
            .withKind("ConfigMap")
            .withName("owner")
            .withUid(cm.getMetadata().getUid())
            .build();
  }

  @AfterAll
  static void tearDown() {
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void aLiveRunKeepsItsLeasePastItsDurationAndReleasesItAtTheEnd() {
    try (RunLease lease =
        RunLease.acquire(client, namespace, "renewed", owner, "run-a", SHORT, Clock.systemUTC())) {
      Lease first = read("renewed");
      Eventually.await(
          "a renewal past the lease duration",
          TIMEOUT,
          () -> read("renewed"),
          l ->
              l.getSpec()
                  .getRenewTime()
                  .isAfter(first.getSpec().getAcquireTime().plus(SHORT.plusSeconds(1))));
      assertThatThrownBy(
              () ->
                  RunLease.acquire(
                      client, namespace, "renewed", owner, "run-b", SHORT, Clock.systemUTC()))
          .isInstanceOfSatisfying(
              JobRefusal.class, r -> assertThat(r.exitCode()).isEqualTo(ExitCode.RUN_IN_PROGRESS))
          .hasMessageContaining("run-a");
      assertThat(lease.lost()).isFalse();
    }
    assertThat(read("renewed").getSpec().getHolderIdentity()).isNull();
    assertThat(read("renewed").getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(owner.getUid()));
  }

  @Test
  void aRunWhoseLeaseWasTakenNoticesAndLeavesTheNewHolderAlone() {
    try (RunLease lease =
        RunLease.acquire(client, namespace, "taken", owner, "run-a", SHORT, Clock.systemUTC())) {
      Lease held = read("taken");
      held.getSpec().setHolderIdentity("run-c"); // what a run that presumed run-a dead would write
      client.resource(held).update();
      Eventually.await("the run to notice", TIMEOUT, lease::lost, lost -> lost);
    }
    assertThat(read("taken").getSpec().getHolderIdentity())
        .as("close() does not release another's Lease")
        .isEqualTo("run-c");
  }

  private static Lease read(String name) {
    return client.resources(Lease.class).inNamespace(namespace).withName(name).get();
  }
}
