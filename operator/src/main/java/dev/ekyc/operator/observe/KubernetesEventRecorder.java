package dev.ekyc.operator.observe;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes core/v1 Events, the kind {@code kubectl describe} and {@code kubectl get events} show. */
public final class KubernetesEventRecorder implements EventRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  static final String COMPONENT = "ekyc-operator";
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;

  public KubernetesEventRecorder(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void record(HasMetadata subject, Type type, String reason, String message) {
    String namespace = subject.getMetadata().getNamespace();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            // The name only has to be unique; kubelet uses the same <object>.<time in hex> scheme.
            .withName(subject.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
            .withNamespace(namespace)
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(subject.getApiVersion())
                    .withKind(subject.getKind())
                    .withName(subject.getMetadata().getName())
                    .withNamespace(namespace)
                    .withUid(subject.getMetadata().getUid())
                    .withResourceVersion(subject.getMetadata().getResourceVersion())
                    .build())
            .withType(type.name())
            .withReason(reason)
            .withMessage(
                message.length() <= MAX_MESSAGE
                    ? message
                    : message.substring(0, MAX_MESSAGE - 3) + "...")
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource(COMPONENT, null)
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(namespace).resource(event).create();
    } catch (KubernetesClientException e) {
      // An Event is a courtesy; failing to write one (e.g. missing RBAC) must not fail the
      // reconciliation.
      LOG.warn(
          "could not record event {} on {}/{}/{}: {}",
          reason,
          subject.getKind(),
          namespace,
          subject.getMetadata().getName(),
          e.getMessage());
    }
  }
}
