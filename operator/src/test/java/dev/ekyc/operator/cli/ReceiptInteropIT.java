package dev.ekyc.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ekyc.operator.it.TestCluster;
import dev.ekyc.operator.it.TestNamespace;
import dev.ekyc.operator.receipt.EntryBundle;
import dev.ekyc.operator.receipt.Receipt;
import dev.ekyc.operator.receipt.ReceiptKeys;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our receipts checked by code nobody here wrote: testenv/receiptverify, built by
 * testenv/provision.sh from golang.org/x/mod/sumdb/note and github.com/transparency-dev/merkle. A
 * log written to a real kube-apiserver is exported with {@code export}; its checkpoint's signature,
 * an inclusion proof from {@code receipts --proof} and a consistency proof from {@code receipts
 * --consistency-with} verify there, and so does the whole exported log; tampered copies of each are
 * rejected, and {@code verify} names what was changed.
 */
class ReceiptInteropIT {
  private static KubernetesClient client;
  private static String namespace;
  private static Path verifier;

  @TempDir Path tmp;

  @BeforeAll
  static void setUp() {
    verifier = goVerifier();
    client = TestCluster.get().client();
    namespace = TestNamespace.create(client, "it-receipt-interop");
  }

  @AfterAll
  static void tearDown() {
    if (client != null && namespace != null) TestNamespace.delete(client, namespace);
  }

  @Test
  void theGoVerifierAcceptsOurCheckpointsAndProofsAndRejectsTamperedOnes() throws Exception {
    ReceiptKeys keys = new ReceiptKeys(client, namespace);
    for (int i = 0; i < 20; i++) {
      keys.append(receipt(i));
    }
    Path oldCheckpoint = tmp.resolve("old-checkpoint");
    CliRun cp = cli("receipts", "--checkpoint");
    assertThat(cp.exitCode()).as(cp.err()).isZero();
    Files.writeString(oldCheckpoint, cp.out());
    for (int i = 20; i < 300; i++) { // past the first bundle of 256
      keys.append(receipt(i));
    }
    Path vkey = tmp.resolve("vkey");
    CliRun printKey = cli("verify", "--print-key");
    assertThat(printKey.exitCode()).isZero();
    Files.writeString(vkey, printKey.out());

    Path export = tmp.resolve("export");
    CliRun exported = cli("export", export.toString());
    assertThat(exported.exitCode()).as(exported.err()).isZero();
    assertThat(exported.out()).contains("exported 300 receipts");
    assertThat(Files.exists(export.resolve("tile/entries/000"))).isTrue();
    assertThat(Files.exists(export.resolve("tile/entries/001.p/44"))).isTrue();

    // The signed checkpoint and the whole log, independently.
    assertThat(go(vkey, "checkpoint", export.resolve("checkpoint").toString())).startsWith("OK ");
    assertThat(go(vkey, "log", export.toString())).contains("300 entries hash to the signed root");
    // Inclusion proofs of a receipt in the full bundle and one in the partial bundle.
    for (int index : new int[] {7, 299}) {
      CliRun proof =
          ReceiptCli.run(
              "receipts",
              "--from",
              export.toString(),
              "--index",
              Integer.toString(index),
              "--proof",
              "-o",
              "json");
      assertThat(proof.exitCode()).as(proof.err()).isZero();
      Path proofFile = tmp.resolve("inclusion-" + index + ".json");
      Files.writeString(proofFile, proof.out());
      assertThat(go(vkey, "inclusion", proofFile.toString())).contains("OK receipt " + index);
      // Tampered: another receipt's bytes, a changed proof hash.
      Path forged = tmp.resolve("forged-" + index + ".json");
      String otherEntry =
          java.util.Base64.getEncoder().encodeToString(receipt(1000).atIndex(index).bytes());
      Files.writeString(
          forged,
          proof.out().replaceFirst("\"entry\" : \"[^\"]+\"", "\"entry\" : \"" + otherEntry + "\""));
      assertThat(goFails(vkey, "inclusion", forged.toString())).contains("inclusion");
      Path badHash = tmp.resolve("bad-hash-" + index + ".json");
      Files.writeString(badHash, flipFirstProofHash(proof.out()));
      assertThat(goFails(vkey, "inclusion", badHash.toString())).contains("inclusion");
    }
    // Consistency with the checkpoint kept at size 20.
    CliRun consistency =
        ReceiptCli.run(
            "receipts",
            "--from",
            export.toString(),
            "--consistency-with",
            oldCheckpoint.toString(),
            "-o",
            "json");
    assertThat(consistency.exitCode()).as(consistency.err()).isZero();
    Path consistencyFile = tmp.resolve("consistency.json");
    Files.writeString(consistencyFile, consistency.out());
    assertThat(go(vkey, "consistency", oldCheckpoint.toString(), consistencyFile.toString()))
        .contains("grew from 20 to 300");
    Path badConsistency = tmp.resolve("bad-consistency.json");
    Files.writeString(badConsistency, flipFirstProofHash(consistency.out()));
    assertThat(goFails(vkey, "consistency", oldCheckpoint.toString(), badConsistency.toString()))
        .contains("consistency");

    // A forged checkpoint (size changed, signature kept) and another key: rejected by the Go
    // verifier.
    String note = Files.readString(export.resolve("checkpoint"));
    Path forgedCheckpoint = tmp.resolve("forged-checkpoint");
    Files.writeString(forgedCheckpoint, note.replaceFirst("\n300\n", "\n299\n"));
    assertThat(goFails(vkey, "checkpoint", forgedCheckpoint.toString())).contains("signature");

    // A receipt altered in the export: the Go verifier's root differs, and verify names receipt 3.
    Path altered = tmp.resolve("altered");
    copyTree(export, altered);
    Path bundle = altered.resolve("tile/entries/000");
    List<byte[]> entries = new ArrayList<>(EntryBundle.decode(Files.readAllBytes(bundle)));
    entries.set(
        3,
        new String(entries.get(3), StandardCharsets.UTF_8)
            .replace("\"deleted\":3", "\"deleted\":0")
            .getBytes(StandardCharsets.UTF_8));
    Files.write(bundle, EntryBundle.encode(entries));
    assertThat(goFails(vkey, "log", altered.toString())).contains("the checkpoint signs");
    CliRun verifyAltered =
        ReceiptCli.run("verify", "--from", altered.toString(), "--keys", vkey.toString());
    assertThat(verifyAltered.exitCode()).isEqualTo(1);
    assertThat(verifyAltered.out()).contains("FAIL ALTERED receipt 3:");
    // The clean export verifies with our verify too, against the old checkpoint.
    CliRun verifyClean =
        ReceiptCli.run(
            "verify",
            "--from",
            export.toString(),
            "--keys",
            vkey.toString(),
            "--checkpoint",
            oldCheckpoint.toString());
    assertThat(verifyClean.exitCode()).as(verifyClean.out() + verifyClean.err()).isZero();
    assertThat(verifyClean.out()).contains("OK receipt log").contains("300 receipts");

    // Rotation: the old checkpoint and the new log both verify, here and in Go, with the two
    // published keys.
    CliRun rotated = cli("rotate-key");
    assertThat(rotated.exitCode()).as(rotated.err()).isZero();
    keys.append(receipt(300));
    Path bothKeys = tmp.resolve("both-keys");
    Files.writeString(bothKeys, cli("verify", "--print-key").out());
    assertThat(Files.readAllLines(bothKeys)).hasSize(2).contains(rotated.out().trim());
    Path afterRotation = tmp.resolve("after-rotation");
    assertThat(cli("export", afterRotation.toString()).exitCode()).isZero();
    assertThat(go(bothKeys, "log", afterRotation.toString())).contains("302 entries");
    Path newKeyOnly = tmp.resolve("new-key");
    Files.writeString(newKeyOnly, rotated.out());
    assertThat(go(newKeyOnly, "checkpoint", afterRotation.resolve("checkpoint").toString()))
        .startsWith("OK ");
    assertThat(goFails(vkey, "checkpoint", afterRotation.resolve("checkpoint").toString()))
        .contains("signature");
    CliRun verifyRotated =
        ReceiptCli.run(
            "verify",
            "--from",
            afterRotation.toString(),
            "--keys",
            bothKeys.toString(),
            "--checkpoint",
            oldCheckpoint.toString());
    assertThat(verifyRotated.exitCode()).as(verifyRotated.out()).isZero();
  }

  private static Receipt receipt(int n) {
    return Receipt.builder(Receipt.RULE_RUN)
        .store(namespace, "media", "ObjectStorage", "SG")
        .policy("verification-media", "uid", 1L)
        .rule("liveness-media", "liveness", "Contract")
        .mode("Enforce")
        .outcome("Succeeded")
        .count("deleted", (long) n)
        .build();
  }

  private CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--kubeconfig", TestCluster.get().kubeconfig().toString(), "-n", namespace));
    return ReceiptCli.run(all.toArray(String[]::new));
  }

  private static String flipFirstProofHash(String json) {
    int start = json.indexOf("\"proof\" : [ \"") + "\"proof\" : [ \"".length();
    char c = json.charAt(start);
    return json.substring(0, start) + (c == 'A' ? 'B' : 'A') + json.substring(start + 1);
  }

  private static String go(Path vkey, String... args) throws Exception {
    Result r = runGo(vkey, args);
    assertThat(r.exit).as("receiptverify %s: %s", String.join(" ", args), r.output).isZero();
    return r.output;
  }

  private static String goFails(Path vkey, String... args) throws Exception {
    Result r = runGo(vkey, args);
    assertThat(r.exit)
        .as("receiptverify %s must reject: %s", String.join(" ", args), r.output)
        .isEqualTo(1);
    return r.output;
  }

  private record Result(int exit, String output) {}

  private static Result runGo(Path vkey, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(verifier.toString(), "-vkey", vkey.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), output);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  /**
   * testenv/provision.sh builds it; CI=true fails without it, elsewhere the test is skipped saying
   * how to build it.
   */
  private static Path goVerifier() {
    String explicit = System.getenv("EKYC_RECEIPTVERIFY");
    String cache =
        System.getenv()
            .getOrDefault(
                "EKYC_TESTENV_CACHE",
                "root".equals(System.getProperty("user.name"))
                    ? "/var/cache/ekyc-testenv"
                    : System.getProperty("user.home") + "/.cache/ekyc-testenv");
    Path binary =
        explicit != null ? Path.of(explicit) : Path.of(cache, "receiptverify", "receiptverify");
    if (!Files.isExecutable(binary)) {
      String why =
          "the Go receipt verifier "
              + binary
              + " is not built: run testenv/provision.sh receiptverify";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(why);
      }
      Assumptions.abort(why);
    }
    return binary;
  }
}
