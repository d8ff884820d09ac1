package dev.ekyc.operator.receipt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * C2SP signed-note keys for Ed25519 (algorithm byte 0x01). The key ID is the first 4 bytes of
 * SHA-256(name || 0x0A || 0x01 || public key); a verifier key is written {@code <name>+<hex key
 * ID>+<base64(0x01 || public key)>}, a signer key {@code PRIVATE+KEY+<name>+<hex key
 * ID>+<base64(0x01 || seed)>}, the forms golang.org/x/mod/sumdb/note reads.
 */
public final class NoteKeys {
  static final byte ED25519 = 0x01;

  private NoteKeys() {}

  /** A key name is non-empty and has no whitespace and no '+' (signed-note). */
  public static void checkName(String name) {
    if (name == null
        || name.isEmpty()
        || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == '+')
        || name.contains("\u2014")) {
      throw new IllegalArgumentException(
          "a signed-note key name must be non-empty, without spaces or '+': " + name);
    }
  }

  public static byte[] keyId(String name, byte[] publicKey) {
    MessageDigest sha = MerkleHash.sha256();
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x0A);
    sha.update(ED25519);
    sha.update(publicKey);
    return Arrays.copyOf(sha.digest(), 4);
  }

  /** A fresh signer key (the private seed from a SecureRandom). */
  public static String generateSigner(String name) {
    checkName(name);
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    byte[] pub = key.generatePublicKey().getEncoded();
    return "PRIVATE+KEY+"
        + name
        + "+"
        + hex(keyId(name, pub))
        + "+"
        + b64(prefixed(key.getEncoded()));
  }

  /** The verifier key of a signer key. */
  public static String verifierOf(String signerKey) {
    NoteSigner signer = NoteSigner.parse(signerKey);
    return verifierKey(signer.name(), signer.publicKey());
  }

  public static String verifierKey(String name, byte[] publicKey) {
    return name + "+" + hex(keyId(name, publicKey)) + "+" + b64(prefixed(publicKey));
  }

  static String hex(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] prefixed(byte[] key) {
    byte[] out = new byte[key.length + 1];
    out[0] = ED25519;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  /** Splits {@code name+hex+base64} and checks the algorithm, the length and the key ID. */
  static byte[] parseKeyMaterial(String what, String name, String hexId, String b64) {
    checkName(name);
    byte[] material;
    try {
      material = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + name + ": the key is not base64");
    }
    if (material.length != 33 || material[0] != ED25519) {
      throw new IllegalArgumentException(
          what + " " + name + ": not an Ed25519 key (algorithm byte 0x01 + 32 bytes)");
    }
    return Arrays.copyOfRange(material, 1, 33);
  }

  static Ed25519PublicKeyParameters publicKey(byte[] raw) {
    return new Ed25519PublicKeyParameters(raw, 0);
  }
}
