package dev.ekyc.operator.reconcile.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Set;

/**
 * Decides whether a new status is worth a write. Timestamps that move on every reconciliation (a
 * probe time, condition transition times) are ignored: a transition time only changes together with
 * a condition's status, which is compared. Without this, every periodic re-probe would write and
 * wake every watcher.
 */
public final class StatusDiff {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private StatusDiff() {}

  /**
   * True when {@code next} differs from {@code previous} in anything but the named volatile
   * top-level fields.
   */
  public static boolean differs(Object previous, Object next, Set<String> volatileFields) {
    if (previous == null || next == null) {
      return previous != next;
    }
    return !normalized(previous, volatileFields).equals(normalized(next, volatileFields));
  }

  private static JsonNode normalized(Object status, Set<String> volatileFields) {
    JsonNode tree = JSON.convertValue(status, JsonNode.class);
    if (tree instanceof ObjectNode object) {
      volatileFields.forEach(object::remove);
      JsonNode conditions = object.get("conditions");
      if (conditions != null && conditions.isArray()) {
        conditions.forEach(
            c -> {
              if (c instanceof ObjectNode condition) {
                condition.remove("lastTransitionTime");
              }
            });
      }
    }
    prune(tree);
    return tree;
  }

  /**
   * Removes nulls and empty lists/objects: the API server may drop what the operator wrote as [].
   */
  private static void prune(JsonNode node) {
    if (node instanceof ObjectNode object) {
      var names = new java.util.ArrayList<String>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        prune(child);
        if (child.isNull() || (child.isContainerNode() && child.isEmpty())) {
          object.remove(name);
        }
      }
    } else if (node != null && node.isArray()) {
      node.forEach(StatusDiff::prune);
    }
  }
}
