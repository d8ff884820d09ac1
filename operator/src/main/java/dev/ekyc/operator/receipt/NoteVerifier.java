package dev.ekyc.operator.receipt;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 signed-note verifier key ({@code <name>+<hex key ID>+<base64(0x01 || public key)>}).
 */
public record NoteVerifier(String name, byte[] keyId, byte[] publicKey, String text) {

  public static NoteVerifier parse(String verifierKey) {
    String trimmed = verifierKey.trim();
    String[] parts = trimmed.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a verifier key reads <name>+<key id>+<key>, got '" + trimmed + "'");
    }
    byte[] pub = NoteKeys.parseKeyMaterial("verifier key", parts[0], parts[1], parts[2]);
    byte[] id = NoteKeys.keyId(parts[0], pub);
    byte[] stated;
    try {
      stated = HexFormat.of().parseHex(parts[1].toLowerCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "verifier key " + parts[0] + ": the key ID is not 8 hex digits");
    }
    if (!Arrays.equals(stated, id)) {
      throw new IllegalArgumentException(
          "verifier key " + parts[0] + ": the key ID does not match the key");
    }
    return new NoteVerifier(parts[0], id, pub, trimmed);
  }

  public boolean verify(byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, NoteKeys.publicKey(publicKey));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }

  /** The key ID as the 8 hex digits of the key's text. */
  public String keyIdHex() {
    return NoteKeys.hex(keyId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier v && v.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
