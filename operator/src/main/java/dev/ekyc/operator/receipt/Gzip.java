package dev.ekyc.operator.receipt;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for entry bundles at rest (receipts repeat their field names and store names: they shrink
 * about 8x).
 */
final class Gzip {
  private Gzip() {}

  static byte[] compress(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] decompress(byte[] data) {
    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
      return gz.readNBytes(16 * 1024 * 1024);
    } catch (IOException e) {
      throw new IllegalArgumentException("a stored entry bundle is not gzip: " + e.getMessage());
    }
  }
}
