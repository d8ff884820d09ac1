package dev.ekyc.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S3 orders keys by UTF-8 bytes; the sharded listing resumes by that order. */
class KeyOrderTest {

  @Test
  void ordersByCodePointLikeUtf8Bytes() {
    assertThat(KeyOrder.compare("a/u30.jpg", "a/u30/")).isNegative(); // '.' 0x2E < '/' 0x2F
    assertThat(KeyOrder.compare("a/u45x", "a/u45/")).isPositive();
    assertThat(KeyOrder.compare("a/b", "a/b")).isZero();
    assertThat(KeyOrder.compare("a/b", "a/bc")).isNegative();
    // U+1F600 (4 UTF-8 bytes, F0 ...) sorts after U+FF5E (EF BD 9E) in S3; UTF-16 would put it
    // first.
    assertThat(KeyOrder.compare("a/\uD83D\uDE00", "a/\uFF5E")).isPositive();
    assertThat("a/\uD83D\uDE00".compareTo("a/\uFF5E")).isNegative();
  }
}
