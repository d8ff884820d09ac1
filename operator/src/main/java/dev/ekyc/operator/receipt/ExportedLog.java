package dev.ekyc.operator.receipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The log as a directory in the C2SP tlog-tiles layout, for auditors and for tools we did not
 * write: {@code checkpoint}, entry bundles {@code tile/entries/<N>} (partial: {@code
 * <N>.p/<width>}), hash tiles {@code tile/<L>/<N>} of tile height 8 (level 0 the leaf hashes, level
 * 1 the bundle roots, and so on), and {@code verifier-keys}, the keys the log published. The files
 * are what the cluster stores, unverified: a tampered log exports tampered, and {@code verify
 * --from DIR} says so.
 */
public final class ExportedLog {
  public static final String CHECKPOINT = "checkpoint";
  public static final String KEYS = "verifier-keys";

  private ExportedLog() {}

  public static void write(LogSnapshot log, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(CHECKPOINT), log.checkpointNote(), StandardCharsets.UTF_8);
      Files.writeString(
          dir.resolve(KEYS),
          String.join("\n", log.publishedKeys()) + (log.publishedKeys().isEmpty() ? "" : "\n"),
          StandardCharsets.UTF_8);
      List<byte[]> leaves = new ArrayList<>();
      for (int k = 0; k < log.bundles().size(); k++) {
        LogSnapshot.Bundle b = log.bundles().get(k);
        if (!b.present()) {
          continue; // missing in the cluster: missing in the export
        }
        writeFile(dir, tilePath("entries", k, 0), EntryBundle.encode(b.entries()));
        writeFile(dir, tilePath("0", k, 0), EntryBundle.encodeHashes(b.hashes()));
        leaves.addAll(b.hashes());
      }
      long tailIndex = log.bundles().size();
      if (!log.tail().entries().isEmpty()) {
        writeFile(
            dir,
            tilePath("entries", tailIndex, log.tail().entries().size()),
            EntryBundle.encode(log.tail().entries()));
        writeFile(
            dir,
            tilePath("0", tailIndex, log.tail().hashes().size()),
            EntryBundle.encodeHashes(log.tail().hashes()));
      }
      // Level 1 holds the stored bundle roots; higher levels are computed from the level below.
      List<byte[]> level = log.bundleRoots();
      for (int height = 1; !level.isEmpty(); height++) {
        for (int t = 0; t * EntryBundle.WIDTH < level.size(); t++) {
          List<byte[]> tile =
              level.subList(
                  t * EntryBundle.WIDTH, Math.min(level.size(), (t + 1) * EntryBundle.WIDTH));
          int width = tile.size() == EntryBundle.WIDTH ? 0 : tile.size();
          writeFile(
              dir, tilePath(Integer.toString(height), t, width), EntryBundle.encodeHashes(tile));
        }
        List<byte[]> up = new ArrayList<>();
        for (int t = 0; (t + 1) * EntryBundle.WIDTH <= level.size(); t++) {
          up.add(
              EntryBundle.root(level.subList(t * EntryBundle.WIDTH, (t + 1) * EntryBundle.WIDTH)));
        }
        level = up;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the export to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads an export; files that are missing become missing bundles, for the audit to name. */
  public static LogSnapshot read(Path dir) {
    try {
      Path cpFile = dir.resolve(CHECKPOINT);
      if (!Files.isRegularFile(cpFile)) {
        throw new ReceiptLogException(
            dir + " is not an exported receipt log: no file '" + CHECKPOINT + "'");
      }
      String note = Files.readString(cpFile, StandardCharsets.UTF_8);
      long size;
      try {
        size = Checkpoint.parse(SignedNote.parse(note).text()).size();
      } catch (IllegalArgumentException e) {
        throw new ReceiptLogException(cpFile + ": " + e.getMessage());
      }
      long full = size / EntryBundle.WIDTH;
      int partial = (int) (size % EntryBundle.WIDTH);
      List<byte[]> roots = new ArrayList<>();
      for (long t = 0; t * EntryBundle.WIDTH < full; t++) {
        int width = (int) Math.min(EntryBundle.WIDTH, full - t * EntryBundle.WIDTH);
        byte[] tile = readFile(dir, tilePath("1", t, width == EntryBundle.WIDTH ? 0 : width));
        if (tile != null) {
          roots.addAll(EntryBundle.decodeHashes(tile));
        }
      }
      List<LogSnapshot.Bundle> bundles = new ArrayList<>();
      for (long k = 0; k < full; k++) {
        byte[] entries = readFile(dir, tilePath("entries", k, 0));
        byte[] hashes = readFile(dir, tilePath("0", k, 0));
        bundles.add(
            entries == null || hashes == null
                ? LogSnapshot.Bundle.missing()
                : new LogSnapshot.Bundle(
                    EntryBundle.decode(entries), EntryBundle.decodeHashes(hashes)));
      }
      LogSnapshot.Bundle tail = new LogSnapshot.Bundle(List.of(), List.of());
      if (partial > 0) {
        byte[] entries = readFile(dir, tilePath("entries", full, partial));
        byte[] hashes = readFile(dir, tilePath("0", full, partial));
        tail =
            new LogSnapshot.Bundle(
                entries == null ? List.of() : EntryBundle.decode(entries),
                hashes == null ? List.of() : EntryBundle.decodeHashes(hashes));
      }
      List<String> keys = new ArrayList<>();
      Path keysFile = dir.resolve(KEYS);
      if (Files.isRegularFile(keysFile)) {
        Files.readAllLines(keysFile).stream().filter(l -> !l.isBlank()).forEach(keys::add);
      }
      return new LogSnapshot(note, roots, bundles, tail, keys);
    } catch (IOException e) {
      throw new ReceiptLogException("cannot read the export " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * tlog-tiles path of tile {@code index} at {@code level}; {@code width} > 0 for a partial tile.
   */
  public static String tilePath(String level, long index, int width) {
    StringBuilder path = new StringBuilder("tile/").append(level).append('/');
    String digits = Long.toString(index);
    int groups = Math.max(1, (digits.length() + 2) / 3);
    String padded = "0".repeat(groups * 3 - digits.length()) + digits;
    for (int g = 0; g < groups; g++) {
      if (g > 0) {
        path.append('/');
      }
      if (g < groups - 1) {
        path.append('x');
      }
      path.append(padded, g * 3, g * 3 + 3);
    }
    if (width > 0) {
      path.append(".p/").append(width);
    }
    return path.toString();
  }

  private static void writeFile(Path dir, String relative, byte[] data) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, data);
  }

  private static byte[] readFile(Path dir, String relative) throws IOException {
    Path file = dir.resolve(relative);
    return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
  }
}
