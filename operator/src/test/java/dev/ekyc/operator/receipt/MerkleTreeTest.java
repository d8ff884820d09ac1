package dev.ekyc.operator.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RFC 6962 hashing against the reference vectors (the 8-leaf tree of RFC 6962's reference
 * implementation, the same roots github.com/transparency-dev/merkle computes), and a property test
 * over random trees: every inclusion and consistency proof verifies, and any change to a proof, a
 * hash, an index or a size fails.
 */
class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final String[] LEAVES = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f"
  };
  private static final String[] ROOTS = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"
  };

  @Test
  void rootsMatchTheReferenceVectors() {
    MerkleTree tree = new MerkleTree();
    assertThat(HEX.formatHex(tree.root()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    for (int i = 0; i < LEAVES.length; i++) {
      tree.appendLeafHash(MerkleHash.leaf(HEX.parseHex(LEAVES[i])));
      assertThat(HEX.formatHex(tree.root())).as("size " + (i + 1)).isEqualTo(ROOTS[i]);
    }
    for (int size = 1; size <= LEAVES.length; size++) {
      assertThat(HEX.formatHex(tree.root(size))).isEqualTo(ROOTS[size - 1]);
    }
  }

  @Test
  void theRootFromBundleRootsIsTheTreeRoot() {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 255, 256, 257, 511, 512, 513, 1000, 2048, 2049}) {
      List<byte[]> leaves = randomLeaves(random, size);
      MerkleTree tree = MerkleTree.ofLeafHashes(leaves);
      int full = size / EntryBundle.WIDTH;
      List<byte[]> roots = new ArrayList<>();
      for (int k = 0; k < full; k++) {
        roots.add(EntryBundle.root(leaves.subList(k * 256, k * 256 + 256)));
      }
      assertThat(TreeHashes.root(roots, leaves.subList(full * 256, size)))
          .as("size " + size)
          .isEqualTo(tree.root());
    }
  }

  @Test
  void everyProofOfRandomTreesVerifiesAndAnyTamperingFails() {
    Random random = new Random(20261207L);
    int checked = 0;
    for (int iteration = 0; iteration < scaled(60); iteration++) {
      int size = 1 + random.nextInt(iteration < 20 ? 40 : 700);
      List<byte[]> leaves = randomLeaves(random, size);
      MerkleTree tree = MerkleTree.ofLeafHashes(leaves);
      for (int probe = 0; probe < 12; probe++) {
        long treeSize = 1 + random.nextInt(size);
        long index = random.nextInt((int) treeSize);
        byte[] root = tree.root(treeSize);
        List<byte[]> proof = tree.inclusionProof(index, treeSize);
        assertThat(
                MerkleProofs.verifyInclusion(index, treeSize, leaves.get((int) index), proof, root))
            .as("inclusion of %d in %d", index, treeSize)
            .isTrue();
        assertInclusionTamperingFails(
            random, index, treeSize, leaves.get((int) index), proof, root);

        long first = random.nextInt((int) treeSize + 1);
        List<byte[]> consistency = tree.consistencyProof(first, treeSize);
        byte[] firstRoot = tree.root(first);
        assertThat(MerkleProofs.verifyConsistency(first, treeSize, firstRoot, root, consistency))
            .as("consistency %d -> %d", first, treeSize)
            .isTrue();
        assertConsistencyTamperingFails(random, first, treeSize, firstRoot, root, consistency);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(0);
  }

  private static void assertInclusionTamperingFails(
      Random random, long index, long size, byte[] leaf, List<byte[]> proof, byte[] root) {
    assertThat(MerkleProofs.verifyInclusion(index, size, flip(random, leaf), proof, root))
        .isFalse();
    assertThat(MerkleProofs.verifyInclusion(index, size, leaf, proof, flip(random, root)))
        .isFalse();
    if (!proof.isEmpty()) {
      List<byte[]> changed = new ArrayList<>(proof);
      int at = random.nextInt(changed.size());
      changed.set(at, flip(random, changed.get(at)));
      assertThat(MerkleProofs.verifyInclusion(index, size, leaf, changed, root)).isFalse();
      assertThat(
              MerkleProofs.verifyInclusion(
                  index, size, leaf, proof.subList(0, proof.size() - 1), root))
          .isFalse();
    }
    List<byte[]> longer = new ArrayList<>(proof);
    longer.add(leaf);
    assertThat(MerkleProofs.verifyInclusion(index, size, leaf, longer, root)).isFalse();
    if (size > 1) {
      long other = (index + 1 + random.nextInt((int) size - 1)) % size;
      assertThat(MerkleProofs.verifyInclusion(other, size, leaf, proof, root))
          .as("moved to %d", other)
          .isFalse();
    }
    assertThat(MerkleProofs.verifyInclusion(index, index, leaf, proof, root)).isFalse();
  }

  private static void assertConsistencyTamperingFails(
      Random random,
      long first,
      long second,
      byte[] firstRoot,
      byte[] secondRoot,
      List<byte[]> proof) {
    assertThat(
            MerkleProofs.verifyConsistency(
                first, second, flip(random, firstRoot), secondRoot, proof))
        .isFalse();
    if (first > 0) { // every tree extends the empty one, whatever its root
      assertThat(
              MerkleProofs.verifyConsistency(
                  first, second, firstRoot, flip(random, secondRoot), proof))
          .isFalse();
    }
    if (!proof.isEmpty()) {
      List<byte[]> changed = new ArrayList<>(proof);
      int at = random.nextInt(changed.size());
      changed.set(at, flip(random, changed.get(at)));
      assertThat(MerkleProofs.verifyConsistency(first, second, firstRoot, secondRoot, changed))
          .isFalse();
      assertThat(
              MerkleProofs.verifyConsistency(
                  first, second, firstRoot, secondRoot, proof.subList(1, proof.size())))
          .isFalse();
    }
    if (first > 0 && first < second) {
      assertThat(MerkleProofs.verifyConsistency(first, second, firstRoot, secondRoot, List.of()))
          .isFalse();
    }
  }

  static List<byte[]> randomLeaves(Random random, int size) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      leaves.add(MerkleHash.leaf(data));
    }
    return leaves;
  }

  static byte[] flip(Random random, byte[] hash) {
    byte[] copy = hash.clone();
    copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    return copy;
  }

  static int scaled(int count) {
    return Math.max(
        1,
        (int)
            Math.round(count * Double.parseDouble(System.getProperty("ekyc.propertyScale", "1"))));
  }
}
