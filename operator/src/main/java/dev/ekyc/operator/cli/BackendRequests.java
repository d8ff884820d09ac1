package dev.ekyc.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import dev.ekyc.operator.objectstore.OwnedLifecycleRule;
import dev.ekyc.operator.policy.DataStreamRetention;
import dev.ekyc.operator.policy.IndexLifecycle;
import dev.ekyc.operator.policy.LifecycleExpiration;
import dev.ekyc.operator.policy.Mechanism;
import dev.ekyc.operator.search.DataStreamLifecycleBody;
import dev.ekyc.operator.search.IlmPolicyBody;
import dev.ekyc.operator.search.IsmPolicyBody;
import dev.ekyc.operator.search.LegacyTemplateBody;
import java.util.List;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * What the adapters will send for a mechanism, rendered by the adapters' own body builders so that
 * {@code plan} shows exactly what would be written. Jobs (sweeper, purge, erasure) send no
 * configuration: their {@code details} already say what they do.
 */
final class BackendRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request: e.g. {@code PUT /_ilm/policy/<name>} and its body. */
  record Request(String request, JsonNode body) {}

  private BackendRequests() {}

  static List<Request> of(Mechanism mechanism) {
    if (mechanism instanceof LifecycleExpiration rule) {
      return List.of(
          new Request(
              "PutBucketLifecycleConfiguration: this rule, merged with the bucket's other rules",
              s3Rule(OwnedLifecycleRule.of(rule).toS3())));
    }
    if (mechanism instanceof IndexLifecycle lifecycle) {
      if (lifecycle.engine() == SearchEngine.OpenSearch) {
        return List.of(
            new Request("PUT " + IsmPolicyBody.path(lifecycle), IsmPolicyBody.of(lifecycle)));
      }
      return List.of(
          new Request("PUT " + IlmPolicyBody.path(lifecycle), IlmPolicyBody.of(lifecycle)),
          new Request(
              "PUT " + LegacyTemplateBody.path(lifecycle), LegacyTemplateBody.of(lifecycle)));
    }
    if (mechanism instanceof DataStreamRetention retention) {
      return List.of(
          new Request(
              "PUT " + DataStreamLifecycleBody.path(retention),
              DataStreamLifecycleBody.of(retention)));
    }
    return List.of();
  }

  /**
   * The rule in the JSON shape of S3's API reference (as {@code aws s3api
   * put-bucket-lifecycle-configuration} takes).
   */
  private static ObjectNode s3Rule(LifecycleRule rule) {
    ObjectNode node =
        JSON.createObjectNode().put("ID", rule.id()).put("Status", rule.statusAsString());
    node.set("Filter", filter(rule.filter()));
    node.putObject("Expiration").put("Days", rule.expiration().days());
    if (rule.noncurrentVersionExpiration() != null) {
      node.putObject("NoncurrentVersionExpiration")
          .put("NoncurrentDays", rule.noncurrentVersionExpiration().noncurrentDays());
    }
    if (rule.abortIncompleteMultipartUpload() != null) {
      node.putObject("AbortIncompleteMultipartUpload")
          .put("DaysAfterInitiation", rule.abortIncompleteMultipartUpload().daysAfterInitiation());
    }
    return node;
  }

  private static ObjectNode filter(LifecycleRuleFilter filter) {
    ObjectNode node = JSON.createObjectNode();
    if (filter.and() != null) {
      ObjectNode and = node.putObject("And");
      if (filter.and().prefix() != null) {
        and.put("Prefix", filter.and().prefix());
      }
      filter.and().tags().forEach(t -> and.withArray("Tags").add(tag(t)));
    } else if (filter.tag() != null) {
      node.set("Tag", tag(filter.tag()));
    } else {
      node.put("Prefix", filter.prefix());
    }
    return node;
  }

  private static ObjectNode tag(Tag tag) {
    return JSON.createObjectNode().put("Key", tag.key()).put("Value", tag.value());
  }
}
