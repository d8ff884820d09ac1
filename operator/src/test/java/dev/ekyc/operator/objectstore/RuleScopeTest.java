package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

class RuleScopeTest {
  private static RuleScope scope(String prefix, Map<String, String> tags) {
    return new RuleScope(prefix, tags);
  }

  @Test
  void nestedPrefixesOverlapInBothDirections() {
    assertThat(scope("training/", Map.of()).overlaps(scope("training/faces/", Map.of()))).isTrue();
    assertThat(scope("training/faces/", Map.of()).overlaps(scope("training/", Map.of()))).isTrue();
    assertThat(scope("", Map.of()).overlaps(scope("liveness/", Map.of()))).isTrue();
  }

  @Test
  void disjointPrefixesDoNotOverlap() {
    assertThat(scope("liveness/", Map.of()).overlaps(scope("id-ocr/", Map.of()))).isFalse();
    assertThat(scope("training/faces/", Map.of()).overlaps(scope("training/voices/", Map.of())))
        .isFalse();
  }

  @Test
  void tagsOverlapUnlessOneKeyNeedsTwoValues() {
    assertThat(scope("a/", Map.of("k", "1")).overlaps(scope("a/", Map.of("k", "2")))).isFalse();
    assertThat(scope("a/", Map.of("k", "1")).overlaps(scope("a/", Map.of("k", "1", "j", "x"))))
        .isTrue();
    assertThat(scope("a/", Map.of("k", "1")).overlaps(scope("a/", Map.of("other", "x")))).isTrue();
    assertThat(scope("", Map.of("k", "1")).overlaps(scope("a/", Map.of()))).isTrue();
  }

  @Test
  void readsEveryFilterShapeAndTheDeprecatedPrefix() {
    assertThat(RuleScope.of(S3Rules.prefixRule("p", "logs/", 1)))
        .contains(scope("logs/", Map.of()));
    assertThat(RuleScope.of(S3Rules.tagRule("t", "tmp", "true", 1)))
        .contains(scope("", Map.of("tmp", "true")));
    assertThat(RuleScope.of(S3Rules.andRule("a", "archive/", List.of(S3Rules.tag("c", "cold")), 1)))
        .contains(scope("archive/", Map.of("c", "cold")));
    LifecycleRule legacy =
        LifecycleRule.builder()
            .id("l")
            .status(ExpirationStatus.ENABLED)
            .prefix("old/")
            .expiration(e -> e.days(1))
            .build();
    assertThat(RuleScope.of(legacy)).contains(scope("old/", Map.of()));
  }
}
