package dev.ekyc.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void hexIsTheStandardDigestOfTheUtf8Bytes() {
    // FIPS 180-2's test vector for "abc".
    assertThat(Sha256.hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void partsAreSeparatedSoTheirBoundariesCount() {
    assertThat(Sha256.hexOfParts("ab", "c")).isNotEqualTo(Sha256.hexOfParts("a", "bc"));
    assertThat(Sha256.hexOfParts("abc")).isEqualTo(Sha256.hex("abc\0"));
    assertThat(Sha256.hexOfParts("a", "b")).isEqualTo(Sha256.hex("a\0b\0"));
  }
}
