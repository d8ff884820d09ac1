package dev.ekyc.operator.objectstore;

/**
 * S3's key order: UTF-8 bytes, which is Unicode code point order. Java's {@link String#compareTo}
 * compares UTF-16 units and puts supplementary characters before U+E000..U+FFFF, so it is not used
 * for keys.
 */
final class KeyOrder {
  private KeyOrder() {}

  static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
