package dev.ekyc.operator.policy;

import java.time.Duration;

/**
 * Elasticsearch data stream lifecycle: backing indices go once their generation is older than the
 * retention.
 */
public record DataStreamRetention(
    String dataStream, Duration dataRetention, Duration writeWindow, Role role)
    implements NativeMechanism {

  @Override
  public String kind() {
    return "DataStreamLifecycle";
  }

  @Override
  public String summary() {
    return "data stream lifecycle on "
        + dataStream
        + ": data_retention "
        + DurationText.format(dataRetention);
  }
}
