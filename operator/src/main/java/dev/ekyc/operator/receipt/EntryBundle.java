package dev.ekyc.operator.receipt;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C2SP tlog-tiles entry bundles: up to {@value #WIDTH} entries, each a big-endian 16-bit length and
 * the bytes. Leaf hash tiles are the concatenated 32-byte hashes.
 */
public final class EntryBundle {
  public static final int WIDTH = 256;
  static final int MAX_ENTRY = 0xFFFF;

  private EntryBundle() {}

  public static byte[] encode(List<byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      if (e.length > MAX_ENTRY) {
        throw new IllegalArgumentException("an entry is at most 65535 bytes, this one " + e.length);
      }
      out.write(e.length >> 8);
      out.write(e.length & 0xFF);
      out.writeBytes(e);
    }
    return out.toByteArray();
  }

  public static List<byte[]> decode(byte[] bundle) {
    List<byte[]> entries = new ArrayList<>();
    int i = 0;
    while (i < bundle.length) {
      if (i + 2 > bundle.length) {
        throw new IllegalArgumentException("entry bundle ends inside a length prefix");
      }
      int length = ((bundle[i] & 0xFF) << 8) | (bundle[i + 1] & 0xFF);
      i += 2;
      if (i + length > bundle.length) {
        throw new IllegalArgumentException("entry bundle ends inside entry " + entries.size());
      }
      byte[] e = new byte[length];
      System.arraycopy(bundle, i, e, 0, length);
      entries.add(e);
      i += length;
    }
    return entries;
  }

  public static byte[] encodeHashes(List<byte[]> hashes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    hashes.forEach(out::writeBytes);
    return out.toByteArray();
  }

  public static List<byte[]> decodeHashes(byte[] tile) {
    if (tile.length % MerkleHash.SIZE != 0) {
      throw new IllegalArgumentException(
          "a hash tile is a multiple of 32 bytes, this one " + tile.length);
    }
    List<byte[]> hashes = new ArrayList<>();
    for (int i = 0; i < tile.length; i += MerkleHash.SIZE) {
      byte[] h = new byte[MerkleHash.SIZE];
      System.arraycopy(tile, i, h, 0, MerkleHash.SIZE);
      hashes.add(h);
    }
    return hashes;
  }

  /**
   * The root of a bundle's leaf hashes: the height-8 node of the log's tree that the bundle covers.
   */
  public static byte[] root(List<byte[]> leafHashes) {
    return MerkleTree.ofLeafHashes(leafHashes).root();
  }
}
