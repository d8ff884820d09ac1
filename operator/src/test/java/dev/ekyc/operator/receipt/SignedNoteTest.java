package dev.ekyc.operator.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed notes and checkpoints against the known answer of golang.org/x/mod/sumdb/note (its
 * documented PeterNeumann key and note): Ed25519 is deterministic, so our signature must be that
 * one byte for byte.
 */
class SignedNoteTest {
  static final String GO_SIGNER =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  static final String GO_VERIFIER =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String GO_NOTE =
      GO_TEXT
          + "\n\u2014 PeterNeumann "
          + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  @Test
  void signsAndVerifiesExactlyAsTheGoReference() {
    NoteSigner signer = NoteSigner.parse(GO_SIGNER);
    assertThat(signer.verifierKey()).isEqualTo(GO_VERIFIER);
    assertThat(NoteKeys.verifierOf(GO_SIGNER)).isEqualTo(GO_VERIFIER);
    assertThat(SignedNote.sign(GO_TEXT, List.of(signer)).serialize()).isEqualTo(GO_NOTE);
    SignedNote parsed = SignedNote.parse(GO_NOTE);
    assertThat(parsed.text()).isEqualTo(GO_TEXT);
    assertThat(parsed.signedBy(NoteVerifier.parse(GO_VERIFIER))).isTrue();
    assertThat(signer.toString()).doesNotContain("AYEKF");
  }

  @Test
  void anAlteredTextOrSignatureDoesNotVerify() {
    NoteVerifier key = NoteVerifier.parse(GO_VERIFIER);
    assertThat(SignedNote.parse(GO_NOTE.replace("answer", "Answer")).signedBy(key)).isFalse();
    assertThat(SignedNote.parse(GO_NOTE.replace("x08go", "x08gp")).signedBy(key)).isFalse();
    NoteVerifier other =
        NoteVerifier.parse(NoteKeys.verifierOf(NoteKeys.generateSigner("PeterNeumann")));
    assertThat(SignedNote.parse(GO_NOTE).signedBy(other)).isFalse();
  }

  @Test
  void keysWithAWrongIdOrAlgorithmAreRefused() {
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessageContaining("key ID does not match");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessageContaining("not an Ed25519 key");
    assertThatThrownBy(() -> NoteSigner.parse("PRIVATE+KEY+Peter Neumann+c74f20a3+AYEK"))
        .hasMessageContaining("name");
    assertThatThrownBy(() -> SignedNote.parse(GO_TEXT)).hasMessageContaining("blank line");
  }

  @Test
  void checkpointsReadAndWriteTheTlogCheckpointBody() {
    NoteSigner signer = NoteSigner.parse(NoteKeys.generateSigner("example.com/log"));
    Checkpoint cp =
        new Checkpoint(
            "example.com/log",
            8,
            java.util.HexFormat.of()
                .parseHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));
    assertThat(cp.text())
        .isEqualTo("example.com/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
    SignedNote note = SignedNote.parse(cp.sign(List.of(signer)).serialize());
    assertThat(Checkpoint.parse(note.text())).isEqualTo(cp);
    assertThat(note.signedBy(NoteVerifier.parse(signer.verifierKey()))).isTrue();
    assertThatThrownBy(() -> Checkpoint.parse("example.com/log\n08\nXcna\n"))
        .hasMessageContaining("tree size");
  }
}
