package dev.ekyc.operator.receipt;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9162 Merkle tree over leaf hashes, in memory: the tree head (MTH), inclusion proofs (PATH)
 * and consistency proofs (PROOF/SUBPROOF) exactly as section 2.1 defines them. Every complete
 * subtree's hash is kept per level, so a proof costs O(log² n) hashes instead of rehashing the
 * leaves.
 */
public final class MerkleTree {
  /**
   * levels.get(h).get(i): the hash of the complete subtree of 2^h leaves starting at leaf i * 2^h.
   */
  private final List<List<byte[]>> levels = new ArrayList<>();

  public MerkleTree() {
    levels.add(new ArrayList<>());
  }

  public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
    MerkleTree tree = new MerkleTree();
    leafHashes.forEach(tree::appendLeafHash);
    return tree;
  }

  public long size() {
    return levels.get(0).size();
  }

  public void appendLeafHash(byte[] leafHash) {
    if (leafHash.length != MerkleHash.SIZE) {
      throw new IllegalArgumentException("a leaf hash has 32 bytes, not " + leafHash.length);
    }
    levels.get(0).add(leafHash.clone());
    int level = 0;
    // A new leaf completes one subtree per trailing 1 bit of the new size.
    while (levels.get(level).size() % 2 == 0) {
      List<byte[]> below = levels.get(level);
      byte[] parent = MerkleHash.node(below.get(below.size() - 2), below.get(below.size() - 1));
      if (levels.size() == level + 1) {
        levels.add(new ArrayList<>());
      }
      levels.get(level + 1).add(parent);
      level++;
    }
  }

  public byte[] leafHash(long index) {
    return levels.get(0).get(Math.toIntExact(index)).clone();
  }

  /** MTH of the first {@code size} leaves. */
  public byte[] root(long size) {
    checkSize(size);
    return size == 0 ? MerkleHash.empty() : hash(0, size);
  }

  public byte[] root() {
    return root(size());
  }

  /**
   * The complete subtree hash at {@code level}, index {@code index} (what a tlog-tiles hash tile
   * stores).
   */
  byte[] subtree(int level, long index) {
    return levels.get(level).get(Math.toIntExact(index));
  }

  int completeSubtrees(int level) {
    return level < levels.size() ? levels.get(level).size() : 0;
  }

  /**
   * PATH(index, D[0:size]): the audit path of a leaf in the tree of the first {@code size} leaves.
   */
  public List<byte[]> inclusionProof(long index, long size) {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, proof);
    return proof;
  }

  /**
   * PROOF(first, D[0:second]): proves that the tree of size {@code first} is a prefix of the one of
   * {@code second}.
   */
  public List<byte[]> consistencyProof(long first, long second) {
    checkSize(second);
    if (first < 0 || first > second) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + first + " to " + second);
    }
    List<byte[]> proof = new ArrayList<>();
    if (first > 0 && first < second) {
      subproof(first, 0, second, true, proof);
    }
    return proof;
  }

  private void path(long m, long lo, long hi, List<byte[]> out) {
    long n = hi - lo;
    if (n <= 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, lo, lo + k, out);
      out.add(hash(lo + k, hi));
    } else {
      path(m - k, lo + k, hi, out);
      out.add(hash(lo, lo + k));
    }
  }

  private void subproof(long m, long lo, long hi, boolean wholeTree, List<byte[]> out) {
    long n = hi - lo;
    if (m == n) {
      if (!wholeTree) {
        out.add(hash(lo, hi));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, lo, lo + k, wholeTree, out);
      out.add(hash(lo + k, hi));
    } else {
      subproof(m - k, lo + k, hi, false, out);
      out.add(hash(lo, lo + k));
    }
  }

  /** MTH(D[lo:hi]) for hi > lo. */
  private byte[] hash(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1 && lo % n == 0) {
      return levels.get(Long.numberOfTrailingZeros(n)).get(Math.toIntExact(lo / n));
    }
    long k = largestPowerOfTwoBelow(n);
    return MerkleHash.node(hash(lo, lo + k), hash(lo + k, hi));
  }

  /** The largest power of two smaller than n (n > 1), the split point RFC 9162 uses. */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long size) {
    if (size < 0 || size > size()) {
      throw new IllegalArgumentException("the tree has " + size() + " leaves, not " + size);
    }
  }
}
