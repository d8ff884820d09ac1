package dev.ekyc.operator.receipt;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 signed-note signer, from a {@code PRIVATE+KEY+...} string; its toString never shows
 * the key.
 */
public final class NoteSigner {
  private final String name;
  private final Ed25519PrivateKeyParameters key;
  private final byte[] publicKey;
  private final byte[] keyId;

  private NoteSigner(String name, Ed25519PrivateKeyParameters key) {
    this.name = name;
    this.key = key;
    this.publicKey = key.generatePublicKey().getEncoded();
    this.keyId = NoteKeys.keyId(name, publicKey);
  }

  public static NoteSigner parse(String signerKey) {
    String[] parts = signerKey.trim().split("\\+", 5);
    if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
      throw new IllegalArgumentException("a signer key reads PRIVATE+KEY+<name>+<key id>+<key>");
    }
    byte[] seed = NoteKeys.parseKeyMaterial("signer key", parts[2], parts[3], parts[4]);
    NoteSigner signer = new NoteSigner(parts[2], new Ed25519PrivateKeyParameters(seed, 0));
    if (!Arrays.equals(HexFormat.of().parseHex(parts[3].toLowerCase()), signer.keyId)) {
      throw new IllegalArgumentException(
          "signer key " + parts[2] + ": the key ID does not match the key");
    }
    return signer;
  }

  public String name() {
    return name;
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  public byte[] keyId() {
    return keyId.clone();
  }

  public String verifierKey() {
    return NoteKeys.verifierKey(name, publicKey);
  }

  /** The Ed25519 signature of {@code message} (the note text). */
  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "NoteSigner[" + name + "]";
  }
}
