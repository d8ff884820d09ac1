package dev.ekyc.operator.receipt;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint body: the origin line (the log's unique name), the tree size in decimal,
 * the base64 root hash, each on its own line. Extension lines are not written; when read they are
 * kept in the text (the signature covers them) and otherwise ignored.
 */
public record Checkpoint(String origin, long size, byte[] root) {

  public Checkpoint {
    if (origin == null || origin.isBlank() || origin.contains("\n")) {
      throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
    }
    if (size < 0 || root.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a checkpoint has a size >= 0 and a 32-byte root hash");
    }
    root = root.clone();
  }

  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  public SignedNote sign(List<NoteSigner> signers) {
    return SignedNote.sign(text(), signers);
  }

  /** Reads the body of a note; does not check signatures. */
  public static Checkpoint parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 4) {
      throw new IllegalArgumentException(
          "a checkpoint has at least three lines: origin, tree size, root hash");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException(
          "checkpoint tree size is not a decimal number: '" + lines[1] + "'");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("checkpoint root hash is not base64: '" + lines[2] + "'");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
  }

  public String rootBase64() {
    return Base64.getEncoder().encodeToString(root);
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.origin.equals(origin)
        && c.size == size
        && Arrays.equals(c.root, root);
  }

  @Override
  public int hashCode() {
    return origin.hashCode() * 31 + Long.hashCode(size) * 17 + Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return origin + " size " + size + " root " + rootBase64();
  }
}
