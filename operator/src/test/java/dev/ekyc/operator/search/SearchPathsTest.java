package dev.ekyc.operator.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPathsTest {

  @Test
  void keepsPatternsAndListsReadableAndEncodesTheRest() {
    assertThat(SearchPaths.segment("oplog-*")).isEqualTo("oplog-*");
    assertThat(SearchPaths.segment("a,b")).isEqualTo("a,b");
    assertThat(SearchPaths.segment("ekyc-operator-ns.policy.rule"))
        .isEqualTo("ekyc-operator-ns.policy.rule");
    assertThat(SearchPaths.segment("a b/c?d#e")).isEqualTo("a%20b%2Fc%3Fd%23e");
  }

  @Test
  void splitsLongIndexListsWithoutLosingAnyIndex() {
    List<String> indices = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      indices.add("oplog-2026.01." + String.format("%03d", i));
    }
    List<String> batches = SearchPaths.batches(indices);

    assertThat(batches).hasSizeGreaterThan(1);
    assertThat(batches)
        .allSatisfy(
            b -> assertThat(b.length()).isLessThanOrEqualTo(SearchPaths.MAX_INDEX_LIST_CHARS));
    assertThat(batches.stream().flatMap(b -> Arrays.stream(b.split(","))).toList())
        .isEqualTo(indices);
    assertThat(SearchPaths.batches(List.of())).isEmpty();
  }
}
