package dev.ekyc.operator.receipt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: the text (non-empty lines, each ending in a newline), a blank line, then one
 * line per signature, {@code — <key name> <base64(4-byte key ID || signature)>}. The signature
 * covers the text exactly.
 */
public record SignedNote(String text, List<Signature> signatures) {
  private static final String DASH = "\u2014 ";

  /** One signature line, not yet checked against any key. */
  public record Signature(String keyName, byte[] keyId, byte[] signature, String line) {}

  public SignedNote {
    signatures = List.copyOf(signatures);
  }

  public static SignedNote sign(String text, List<NoteSigner> signers) {
    checkText(text);
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    List<Signature> sigs = new ArrayList<>();
    for (NoteSigner signer : signers) {
      byte[] sig = signer.sign(message);
      byte[] blob = concat(signer.keyId(), sig);
      sigs.add(
          new Signature(
              signer.name(),
              signer.keyId(),
              sig,
              DASH + signer.name() + " " + Base64.getEncoder().encodeToString(blob)));
    }
    return new SignedNote(text, sigs);
  }

  /** The note as stored and served: text, blank line, signature lines. */
  public String serialize() {
    StringBuilder out = new StringBuilder(text).append('\n');
    signatures.forEach(s -> out.append(s.line()).append('\n'));
    return out.toString();
  }

  public static SignedNote parse(String note) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new IllegalArgumentException("not a signed note: no blank line before the signatures");
    }
    String text = note.substring(0, split + 1);
    checkText(text);
    String rest = note.substring(split + 2);
    if (!rest.endsWith("\n")) {
      throw new IllegalArgumentException(
          "not a signed note: the last signature line has no newline");
    }
    List<Signature> sigs = new ArrayList<>();
    for (String line : rest.substring(0, rest.length() - 1).split("\n", -1)) {
      if (!line.startsWith(DASH)) {
        throw new IllegalArgumentException(
            "not a signature line (must start with '\u2014 '): " + line);
      }
      String[] parts = line.substring(DASH.length()).split(" ", -1);
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            "a signature line reads '\u2014 <name> <signature>': " + line);
      }
      byte[] blob;
      try {
        blob = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signature of " + parts[0] + " is not base64");
      }
      if (blob.length < 5) {
        throw new IllegalArgumentException("signature of " + parts[0] + " is too short");
      }
      sigs.add(
          new Signature(
              parts[0], Arrays.copyOf(blob, 4), Arrays.copyOfRange(blob, 4, blob.length), line));
    }
    if (sigs.isEmpty()) {
      throw new IllegalArgumentException("not a signed note: no signature");
    }
    return new SignedNote(text, sigs);
  }

  /**
   * Whether {@code key} made one of the signatures: same name and key ID, and the signature
   * verifies.
   */
  public boolean signedBy(NoteVerifier key) {
    return signatures.stream()
        .anyMatch(
            s ->
                s.keyName().equals(key.name())
                    && Arrays.equals(s.keyId(), key.keyId())
                    && key.verify(text.getBytes(StandardCharsets.UTF_8), s.signature()));
  }

  private static void checkText(String text) {
    if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n") || text.startsWith("\n")) {
      throw new IllegalArgumentException(
          "a note's text is one or more non-empty lines, each ending in a newline");
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
