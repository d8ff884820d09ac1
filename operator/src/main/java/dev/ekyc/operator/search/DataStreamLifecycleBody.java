package dev.ekyc.operator.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ekyc.operator.policy.DataStreamRetention;

/**
 * The Elasticsearch (8.11 and later) data stream lifecycle: {@code PUT
 * _data_stream/<name>/_lifecycle}, applied by {@link ElasticsearchDataStreamLifecycle} and shown by
 * {@code plan}.
 */
public final class DataStreamLifecycleBody {
  private DataStreamLifecycleBody() {}

  public static String path(DataStreamRetention retention) {
    return "/_data_stream/" + SearchPaths.segment(retention.dataStream()) + "/_lifecycle";
  }

  public static ObjectNode of(DataStreamRetention retention) {
    ObjectNode body = Json.object();
    body.put("data_retention", LifecycleAge.render(retention.dataRetention()));
    return body;
  }
}
