package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which index rules are a data stream's, and the stream's name ISM must roll over. */
class IndexLifecycleTest {
  private static IndexLifecycle forPattern(String pattern) {
    return new IndexLifecycle(
        SearchEngine.OpenSearch,
        "ekyc-p",
        pattern,
        Duration.ofDays(730),
        Duration.ofDays(1),
        null,
        IndexLifecycle.Role.values()[0]);
  }

  @Test
  void backingIndicesOfADataStreamNameTheStream() {
    assertThat(forPattern(".ds-operation-logs-*").dataStream()).isTrue();
    assertThat(forPattern(".ds-operation-logs-*").dataStreamName()).isEqualTo("operation-logs");
  }

  @Test
  void anOrdinaryPatternOrABackingIndexWithoutWildcardHasNoStreamName() {
    assertThat(forPattern("operation-logs-*").dataStream()).isFalse();
    assertThat(forPattern("operation-logs-*").dataStreamName()).isNull();
    assertThat(forPattern(".ds-operation-logs-000001").dataStream()).isTrue();
    assertThat(forPattern(".ds-operation-logs-000001").dataStreamName()).isNull();
  }
}
