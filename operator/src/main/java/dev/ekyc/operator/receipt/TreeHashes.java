package dev.ekyc.operator.receipt;

import java.util.List;

/**
 * The root of a log from the roots of its full entry bundles (height-8 nodes) and the leaf hashes
 * after them, what a writer knows without reading the bundles: RFC 9162's split at the largest
 * power of two below the size only ever needs whole bundles left of the partial one.
 */
public final class TreeHashes {
  private TreeHashes() {}

  public static byte[] root(List<byte[]> bundleRoots, List<byte[]> tailLeafHashes) {
    long size = (long) bundleRoots.size() * EntryBundle.WIDTH + tailLeafHashes.size();
    if (size == 0) {
      return MerkleHash.empty();
    }
    return hash(bundleRoots, tailLeafHashes, 0, size);
  }

  private static byte[] hash(List<byte[]> roots, List<byte[]> tail, long lo, long hi) {
    long n = hi - lo;
    long tailStart = (long) roots.size() * EntryBundle.WIDTH;
    if (n == EntryBundle.WIDTH && lo % EntryBundle.WIDTH == 0 && lo < tailStart) {
      return roots.get(Math.toIntExact(lo / EntryBundle.WIDTH));
    }
    if (n == 1) {
      if (lo < tailStart) {
        throw new IllegalStateException("a leaf inside a full bundle is not needed for the root");
      }
      return tail.get(Math.toIntExact(lo - tailStart));
    }
    long k = MerkleTree.largestPowerOfTwoBelow(n);
    return MerkleHash.node(hash(roots, tail, lo, lo + k), hash(roots, tail, lo + k, hi));
  }
}
