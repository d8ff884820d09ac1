package dev.ekyc.operator.reconcile.status;

import dev.ekyc.operator.observe.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs and records an Event when a resource's Ready condition changes status or reason, the same
 * way for every kind; steady states stay quiet. Messages come from status, which never holds
 * secrets.
 */
public final class ReadyChangeReporter {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyChangeReporter.class);

  private final EventRecorder events;

  public ReadyChangeReporter(EventRecorder events) {
    this.events = events;
  }

  public void report(HasMetadata resource, List<Condition> previous, List<Condition> next) {
    Conditions.readyChange(previous, next)
        .ifPresent(
            ready -> {
              LOG.info(
                  "{} {}/{}: Ready={} {} ({})",
                  resource.getKind(),
                  resource.getMetadata().getNamespace(),
                  resource.getMetadata().getName(),
                  ready.getStatus(),
                  ready.getReason(),
                  ready.getMessage());
              events.record(
                  resource,
                  "True".equals(ready.getStatus())
                      ? EventRecorder.Type.Normal
                      : EventRecorder.Type.Warning,
                  ready.getReason(),
                  ready.getMessage());
            });
  }
}
