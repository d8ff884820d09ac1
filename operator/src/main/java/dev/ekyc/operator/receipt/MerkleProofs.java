package dev.ekyc.operator.receipt;

import java.util.Arrays;
import java.util.List;

/**
 * Verification of RFC 9162 inclusion (2.1.3.2) and consistency (2.1.4.2) proofs, from the proof
 * alone.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  public static boolean verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    if (index < 0 || index >= size) {
      return false;
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && Arrays.equals(r, root);
  }

  public static boolean verifyConsistency(
      long first, long second, byte[] firstRoot, byte[] secondRoot, List<byte[]> proof) {
    if (first < 0 || first > second) {
      return false;
    }
    if (first == second) {
      return proof.isEmpty() && Arrays.equals(firstRoot, secondRoot);
    }
    if (first == 0) {
      // Every tree extends the empty one; RFC 9162 gives no proof for it.
      return proof.isEmpty() && Arrays.equals(firstRoot, MerkleHash.empty());
    }
    if (proof.isEmpty()) {
      return false;
    }
    int start = 0;
    byte[] seed;
    if (Long.bitCount(first) == 1) {
      seed = firstRoot;
    } else {
      seed = proof.get(0);
      start = 1;
    }
    long fn = first - 1;
    long sn = second - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = seed;
    byte[] sr = seed;
    for (int i = start; i < proof.size(); i++) {
      byte[] c = proof.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return Arrays.equals(fr, firstRoot) && Arrays.equals(sr, secondRoot) && sn == 0;
  }
}
