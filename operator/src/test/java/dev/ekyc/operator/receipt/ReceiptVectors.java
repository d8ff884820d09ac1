package dev.ekyc.operator.receipt;

/**
 * The leaf hashes of docs/receipts.md's vectors (SHA-256 of 0x00 || the bytes), computed there
 * independently with Python's json.dumps(sort_keys=True, separators=(",", ":"),
 * ensure_ascii=False).
 */
final class ReceiptVectors {
  static final String VECTOR1_LEAF_HASH =
      "7b6298ae33521d58f7fc067f64c4e12cbd59dd238552fe7c8ac7e9c54aecb811";
  static final String VECTOR2_LEAF_HASH =
      "903a34e106d1c2ca319d624767ab5fd526af04cdcd75232282488aa77bff7d3d";

  private ReceiptVectors() {}
}
