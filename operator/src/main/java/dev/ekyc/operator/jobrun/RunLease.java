package dev.ekyc.operator.jobrun;

import dev.ekyc.operator.job.ExitCode;
import dev.ekyc.operator.job.RunNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run guard: one coordination.k8s.io Lease per policy ({@link RunNames#lease}), so two runs of
 * one policy never overlap even when the CronJob's {@code concurrencyPolicy: Forbid} is bypassed (a
 * manual run, a second CronJob, a Job controller retry). Every write is guarded by resourceVersion,
 * so of two runs racing for it exactly one wins. It is renewed every third of its duration while
 * the run lasts, released at the end, and a Lease whose holder stopped renewing (killed) is taken
 * once its duration has passed.
 */
public final class RunLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLease.class);

  private final KubernetesClient client;
  private final String holder;
  private final Clock clock;
  private final ScheduledExecutorService renewer;
  private final AtomicBoolean lost = new AtomicBoolean();
  private volatile Lease current;

  private RunLease(
      KubernetesClient client, Lease acquired, String holder, Duration duration, Clock clock) {
    this.client = client;
    this.current = acquired;
    this.holder = holder;
    this.clock = clock;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-lease-renewer");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(200, duration.toMillis() / 3);
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Takes the Lease or refuses with {@link ExitCode#RUN_IN_PROGRESS}. */
  public static RunLease acquire(
      KubernetesClient client,
      String namespace,
      String name,
      OwnerReference owner,
      String holder,
      Duration duration,
      Clock clock) {
    ZonedDateTime now = now(clock);
    int seconds = (int) Math.max(1, duration.toSeconds());
    try {
      Lease existing = client.resources(Lease.class).inNamespace(namespace).withName(name).get();
      Lease acquired;
      if (existing == null) {
        acquired =
            client
                .resources(Lease.class)
                .inNamespace(namespace)
                .resource(
                    new LeaseBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .withOwnerReferences(owner)
                        .addToLabels(RunNames.labels(owner.getName()))
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity(holder)
                        .withLeaseDurationSeconds(seconds)
                        .withAcquireTime(now)
                        .withRenewTime(now)
                        .withLeaseTransitions(0)
                        .endSpec()
                        .build())
                .create();
      } else {
        if (!LeaseTerms.free(existing.getSpec(), now.toInstant())) {
          throw held(namespace, name, existing);
        }
        int transitions =
            existing.getSpec() == null || existing.getSpec().getLeaseTransitions() == null
                ? 0
                : existing.getSpec().getLeaseTransitions();
        // The current policy becomes the owner: a Lease left by a deleted policy of the same name
        // must not be
        // garbage-collected with its old owner while this run holds it.
        Lease taken =
            new LeaseBuilder(existing)
                .editMetadata()
                .withOwnerReferences(owner)
                .endMetadata()
                .editOrNewSpec()
                .withHolderIdentity(holder)
                .withLeaseDurationSeconds(seconds)
                .withAcquireTime(now)
                .withRenewTime(now)
                .withLeaseTransitions(transitions + 1)
                .endSpec()
                .build();
        acquired =
            client
                .resource(taken)
                .update(); // carries existing's resourceVersion: 409 if anyone wrote since
      }
      LOG.info(
          "run Lease {}/{} acquired for {} s, renewed every {} s",
          namespace,
          name,
          seconds,
          Math.max(1, seconds / 3));
      return new RunLease(client, acquired, holder, duration, clock);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        Lease winner = client.resources(Lease.class).inNamespace(namespace).withName(name).get();
        throw held(namespace, name, winner);
      }
      throw new JobRefusal(
          ExitCode.API_UNAVAILABLE,
          "cannot take the run Lease "
              + namespace
              + "/"
              + name
              + ": "
              + ApiErrors.describe(e)
              + ". The job's ServiceAccount needs get, create and update on"
              + " coordination.k8s.io leases");
    }
  }

  private static JobRefusal held(String namespace, String name, Lease lease) {
    String who =
        lease == null || lease.getSpec() == null
            ? "another run"
            : lease.getSpec().getHolderIdentity();
    String until =
        lease == null || lease.getSpec() == null
            ? ""
            : LeaseTerms.expiry(lease.getSpec()).map(e -> ", renewed until " + e).orElse("");
    return new JobRefusal(
        ExitCode.RUN_IN_PROGRESS,
        "another run of this policy is in progress (Lease "
            + namespace
            + "/"
            + name
            + " held by "
            + who
            + until
            + "): not starting a second one. If that run was killed, its"
            + " Lease is taken by the next run once it expires");
  }

  /** True once another run took the Lease: this run must stop before its next rule. */
  public boolean lost() {
    return lost.get();
  }

  private void renew() {
    if (lost.get()) {
      return;
    }
    try {
      Lease renewed =
          new LeaseBuilder(current).editSpec().withRenewTime(now(clock)).endSpec().build();
      current = client.resource(renewed).update();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        Lease now =
            client
                .resources(Lease.class)
                .inNamespace(current.getMetadata().getNamespace())
                .withName(current.getMetadata().getName())
                .get();
        if (now == null
            || now.getSpec() == null
            || !holder.equals(now.getSpec().getHolderIdentity())) {
          lost.set(true);
          LOG.error(
              "run Lease {} was taken by {}: this run stops before its next rule",
              current.getMetadata().getName(),
              now == null || now.getSpec() == null
                  ? "nobody (deleted)"
                  : now.getSpec().getHolderIdentity());
          return;
        }
        current = now; // our own Lease, written by an earlier renew whose answer was lost: carry on
      } else {
        LOG.warn(
            "cannot renew run Lease {} ({}); retrying",
            current.getMetadata().getName(),
            ApiErrors.describe(e));
      }
    }
  }

  /** Stops renewing and frees the Lease for the next run (unless another run has taken it). */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (lost.get()) {
      return;
    }
    try {
      client
          .resource(
              new LeaseBuilder(current)
                  .editSpec()
                  .withHolderIdentity(null)
                  .withRenewTime(null)
                  .endSpec()
                  .build())
          .update();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot release run Lease {} ({}); it expires on its own",
          current.getMetadata().getName(),
          ApiErrors.describe(e));
    }
  }

  private static ZonedDateTime now(Clock clock) {
    // MicroTime on the wire; whole microseconds avoid a round-trip mismatch.
    return ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
