package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ekyc.operator.api.v1alpha1.SearchEngine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IndexLifecycleAdapterTest {

  @Test
  void eachEngineGetsItsOwnAdapter() {
    ScriptedTransport transport = new ScriptedTransport();
    assertThat(IndexLifecycleAdapter.forEngine(SearchEngine.Elasticsearch, transport).engine())
        .isEqualTo(SearchEngine.Elasticsearch);
    assertThat(IndexLifecycleAdapter.forEngine(SearchEngine.OpenSearch, transport).engine())
        .isEqualTo(SearchEngine.OpenSearch);
  }

  @Test
  void aLifecycleForTheOtherEngineIsRefusedBeforeAnyRequest() {
    ScriptedTransport transport = new ScriptedTransport();
    var ilm = IndexLifecycleAdapter.forEngine(SearchEngine.Elasticsearch, transport);
    var ism = IndexLifecycleAdapter.forEngine(SearchEngine.OpenSearch, transport);

    assertThatThrownBy(() -> ilm.apply(Lifecycles.openSearch(Duration.ofDays(731), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is for OpenSearch");
    assertThatThrownBy(() -> ism.dryRun(Lifecycles.elasticsearch(Duration.ofDays(731), null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is for Elasticsearch");
    assertThat(transport.requests()).isEmpty();
  }
}
