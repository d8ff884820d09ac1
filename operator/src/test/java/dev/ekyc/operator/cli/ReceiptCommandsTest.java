package dev.ekyc.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.receipt.ExportedLog;
import dev.ekyc.operator.receipt.MemoryLog;
import dev.ekyc.operator.receipt.NoteKeys;
import dev.ekyc.operator.receipt.NoteSigner;
import dev.ekyc.operator.receipt.Receipt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code receipts} and {@code verify} on an exported log: filters, formats, bad input, a removed
 * bundle.
 */
class ReceiptCommandsTest {
  @TempDir Path tmp;

  private Path export(int size) {
    NoteSigner key = NoteSigner.parse(NoteKeys.generateSigner("test.ekyc.dev/receipts"));
    MemoryLog log = new MemoryLog("test.ekyc.dev/receipts", List.of(key));
    for (int i = 0; i < size; i++) {
      log.append(
          Receipt.builder(Receipt.RULE_RUN)
              .store("ekyc", i % 2 == 0 ? "media" : "db", "ObjectStorage", "SG")
              .policy(i % 2 == 0 ? "verification-media" : "service-records", "uid", 1L)
              .rule(i % 2 == 0 ? "liveness-media" : "monitoring", "p", "Contract")
              .outcome("Succeeded")
              .times(
                  "2026-12-0" + (1 + i % 7) + "T10:00:00Z",
                  "2026-12-0" + (1 + i % 7) + "T10:01:00Z",
                  null)
              .count("deleted", (long) i)
              .build(),
          List.of(key));
    }
    Path dir = tmp.resolve("export-" + size);
    ExportedLog.write(log.snapshot(), dir);
    return dir;
  }

  @Test
  void listsWithFiltersAndFormats() {
    Path dir = export(300);
    CliRun all = CliRun.of("receipts", "--from", dir.toString());
    assertThat(all.exitCode()).isZero();
    assertThat(all.out().lines().count()).isEqualTo(301); // header + 300
    CliRun filtered =
        CliRun.of(
            "receipts",
            "--from",
            dir.toString(),
            "--store",
            "ekyc/media",
            "--rule",
            "liveness-media",
            "--since",
            "2026-12-03T00:00:00Z",
            "--until",
            "2026-12-04T00:00:00Z",
            "-o",
            "json");
    assertThat(filtered.exitCode()).isZero();
    assertThat(filtered.out())
        .contains("\"liveness-media\"")
        .doesNotContain("monitoring")
        .contains("2026-12-03T10:01:00Z")
        .doesNotContain("2026-12-05");
    CliRun yaml =
        CliRun.of("receipts", "--from", dir.toString(), "--index", "299", "--proof", "-o", "yaml");
    assertThat(yaml.exitCode()).isZero();
    assertThat(yaml.out()).contains("treeSize: 300").contains("proof:");
  }

  @Test
  void badInputIsNamedWithTheFix() {
    Path dir = export(3);
    CliRun since = CliRun.of("receipts", "--from", dir.toString(), "--since", "yesterday");
    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err()).contains("--since 'yesterday' is not an RFC 3339 time");
    CliRun index = CliRun.of("receipts", "--from", dir.toString(), "--index", "9");
    assertThat(index.exitCode()).isEqualTo(2);
    assertThat(index.err()).contains("receipts 0 to 2");
    CliRun notALog = CliRun.of("verify", "--from", tmp.toString());
    assertThat(notALog.exitCode()).isEqualTo(2);
    assertThat(notALog.err()).contains("not an exported receipt log");
  }

  @Test
  void verifyNamesTheReceiptsOfARemovedBundleAndExitsOne() throws Exception {
    Path dir = export(300);
    assertThat(CliRun.of("verify", "--from", dir.toString()).exitCode()).isZero();
    Files.delete(dir.resolve("tile/entries/000"));
    CliRun run = CliRun.of("verify", "--from", dir.toString(), "-o", "json");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"ok\" : false")
        .contains("REMOVED")
        .contains("receipts 0 to 255");
  }
}
