package dev.ekyc.operator.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** URL path pieces for index names, patterns and IDs, and index lists short enough for one URL. */
final class SearchPaths {
  /** Well below the 4 KB initial line most HTTP servers and proxies accept. */
  static final int MAX_INDEX_LIST_CHARS = 2000;

  private SearchPaths() {}

  /** Percent-encodes one path segment but keeps '*' (patterns) and ',' (index lists) readable. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2C", ",");
  }

  /** Comma-separated index lists of at most {@link #MAX_INDEX_LIST_CHARS} characters each. */
  static List<String> batches(List<String> indices) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String index : indices) {
      String encoded = segment(index);
      if (current.length() > 0 && current.length() + 1 + encoded.length() > MAX_INDEX_LIST_CHARS) {
        out.add(current.toString());
        current.setLength(0);
      }
      if (current.length() > 0) {
        current.append(',');
      }
      current.append(encoded);
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }
}
