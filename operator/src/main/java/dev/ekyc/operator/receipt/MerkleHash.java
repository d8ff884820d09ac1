package dev.ekyc.operator.receipt;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 hashing: SHA-256, leaves prefixed with 0x00, interior nodes with 0x01 (no
 * second preimages).
 */
public final class MerkleHash {
  public static final int SIZE = 32;

  private MerkleHash() {}

  public static byte[] leaf(byte[] data) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x00);
    sha.update(data);
    return sha.digest();
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update((byte) 0x01);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /** The root of the empty tree: SHA-256 of the empty string. */
  public static byte[] empty() {
    return sha256().digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
