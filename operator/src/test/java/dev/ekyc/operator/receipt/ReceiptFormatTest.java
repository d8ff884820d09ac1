package dev.ekyc.operator.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The canonical serialisation: the test vectors of docs/receipts.md, byte for byte, and what it
 * refuses.
 */
class ReceiptFormatTest {
  /** Vector 1 of docs/receipts.md. */
  static Receipt vector1() {
    return Receipt.builder(Receipt.RULE_RUN)
        .store("ekyc", "verification-media", "ObjectStorage", "SG")
        .policy("verification-media", "6f1c2a7e-0d1b-4a8e-9a43-1f0b6d2c9e55", 3L)
        .rule(
            "liveness-media",
            "providing the reflective liveness comparison feature only",
            "Contract")
        .job("ekyc-sweep-verification-media-29413440-abcde-3f9a1c2e", "sweep", 0)
        .mode("Enforce")
        .outcome("Succeeded")
        .times("2026-12-07T10:00:02Z", "2026-12-07T10:00:41Z", "2026-12-07T10:00:02Z")
        .cutoff("delete", "2026-12-07T08:15:02Z")
        .count("listed", 1730L)
        .count("deleted", 1520L)
        .count("keptForLegalHold", 2L)
        .count("tooYoung", 208L)
        .count("errors", 0L)
        .cap(500000L, false, false)
        .oldestObservedAgeSeconds(0L)
        .recordedAt("2026-12-07T10:00:41Z")
        .build()
        .atIndex(7);
  }

  static final String VECTOR1 =
      "{\"backlog\":false,\"cap\":500000,\"capReached\":false,\"counts\":{\"deleted\":1520,"
          + "\"errors\":0,\"keptForLegalHold\":2,\"listed\":1730,\"tooYoung\":208},\"cutoffs\":{\"delete\":"
          + "\"2026-12-07T08:15:02Z\"},\"endTime\":\"2026-12-07T10:00:41Z\",\"index\":7,\"job\":{\"command\":\"sweep\","
          + "\"exitCode\":0,\"runId\":\"ekyc-sweep-verification-media-29413440-abcde-3f9a1c2e\"},\"kind\":\"RuleRun\","
          + "\"mode\":\"Enforce\",\"oldestObservedAgeSeconds\":0,\"outcome\":\"Succeeded\",\"policy\":{\"generation\":3,"
          + "\"name\":\"verification-media\",\"uid\":\"6f1c2a7e-0d1b-4a8e-9a43-1f0b6d2c9e55\"},\"recordedAt\":"
          + "\"2026-12-07T10:00:41Z\",\"rule\":{\"legalBasis\":\"Contract\",\"name\":\"liveness-media\",\"purpose\":"
          + "\"providing the reflective liveness comparison feature only\"},\"serverTime\":\"2026-12-07T10:00:02Z\","
          + "\"startTime\":\"2026-12-07T10:00:02Z\",\"store\":{\"jurisdiction\":\"SG\",\"name\":\"verification-media\","
          + "\"namespace\":\"ekyc\",\"type\":\"ObjectStorage\"},\"v\":1}";

  @Test
  void vector1IsCanonicalAndHashesAsDocumented() {
    Receipt r = vector1();
    assertThat(r.text()).isEqualTo(VECTOR1);
    assertThat(HexFormat.of().formatHex(r.leafHash())).isEqualTo(ReceiptVectors.VECTOR1_LEAF_HASH);
    assertThat(Receipt.parse(VECTOR1.getBytes(StandardCharsets.UTF_8)).canonical()).isTrue();
  }

  @Test
  void vector2EscapesOnlyWhatJcsEscapes() {
    Receipt r =
        Receipt.builder(Receipt.RUN)
            .message("quote \" backslash \\ tab \t nl \n bell \u0007 \u00e9 \u2014")
            .build();
    String expected =
        "{\"kind\":\"Run\",\"message\":\"quote \\\" backslash \\\\ tab \\t nl \\n bell \\u0007 \u00e9"
            + " \u2014\",\"v\":1}";
    assertThat(r.text()).isEqualTo(expected);
    assertThat(HexFormat.of().formatHex(r.leafHash())).isEqualTo(ReceiptVectors.VECTOR2_LEAF_HASH);
  }

  @Test
  void readersKeepUnknownFieldsAndNewCountsWithoutAFormatBreak() {
    String newer =
        VECTOR1
            .replace("\"counts\":{", "\"counts\":{\"abortedUploads\":4,")
            .replace("\"deleted\":1520,", "\"deleted\":1520,\"deletedVersions\":9,")
            .replace("\"v\":1}", "\"v\":1,\"zFuture\":{\"x\":true}}");
    Receipt r = Receipt.parse(newer.getBytes(StandardCharsets.UTF_8));
    assertThat(r.canonical()).isTrue();
    assertThat(r.get("counts.deletedVersions")).isEqualTo(9L);
    assertThat(r.get("zFuture.x")).isEqualTo(true);
    assertThat(r.text()).isEqualTo(newer);
  }

  @Test
  void nonCanonicalOrForeignJsonIsRecognised() {
    assertThat(
            Receipt.parse("{ \"v\":1,\"kind\":\"Run\"}".getBytes(StandardCharsets.UTF_8))
                .canonical())
        .isFalse();
    assertThat(
            Receipt.parse("{\"v\":1,\"kind\":\"R\\u0075n\"}".getBytes(StandardCharsets.UTF_8))
                .canonical())
        .isFalse();
    assertThatThrownBy(() -> Receipt.parse("{\"v\":1.5}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("VALUE_NUMBER_FLOAT");
    assertThatThrownBy(() -> Receipt.parse("{\"a\":[1]}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("START_ARRAY");
    assertThatThrownBy(() -> Receipt.parse("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("twice");
    assertThatThrownBy(
            () -> Receipt.parse("{\"a\":9007199254740992}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("exact JSON integers");
  }
}
