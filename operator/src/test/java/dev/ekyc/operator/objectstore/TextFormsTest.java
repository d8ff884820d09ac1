package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The texts that reach status, events and errors about lifecycle rules. */
class TextFormsTest {

  @Test
  void aScopeNamesItsPrefixAndTags() {
    assertThat(new RuleScope("", Map.of())).hasToString("the whole bucket");
    assertThat(new RuleScope("liveness/", Map.of())).hasToString("liveness/");
    assertThat(new RuleScope("faces/", Map.of("kind", "face")))
        .hasToString("faces/ tagged {kind=face}");
    assertThat(new RuleScope("", Map.of("kind", "face")))
        .hasToString("the whole bucket tagged {kind=face}");
  }

  @Test
  void aDiffSaysWhatAWriteChangesOrThatNothingIs() {
    var none = new LifecycleDiff(List.of(), List.of(), List.of(), List.of("a", "b"));
    assertThat(none.writeNeeded()).isFalse();
    assertThat(none).hasToString("no change (2 rules up to date)");

    var some = new LifecycleDiff(List.of("n"), List.of("c"), List.of("r"), List.of("u"));
    assertThat(some.writeNeeded()).isTrue();
    assertThat(some).hasToString("added [n], changed [c], removed [r], unchanged [u]");
    assertThat(new LifecycleDiff(List.of(), List.of(), List.of("r"), List.of()).writeNeeded())
        .isTrue();
    assertThat(new LifecycleDiff(List.of(), List.of("c"), List.of(), List.of()).writeNeeded())
        .isTrue();
  }
}
