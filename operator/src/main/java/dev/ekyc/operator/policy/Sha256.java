package dev.ekyc.operator.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lower-case hex: the hashes in owned names, CronJob spec hashes and in-memory
 * credential digests.
 */
public final class Sha256 {
  private Sha256() {}

  /** The digest of the text's UTF-8 bytes. */
  public static String hex(String text) {
    MessageDigest sha = newDigest();
    return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The digest of the parts, each followed by a NUL byte so that ("ab", "c") and ("a", "bc")
   * differ.
   */
  public static String hexOfParts(String... parts) {
    MessageDigest sha = newDigest();
    for (String part : parts) {
      sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }
}
