package dev.ekyc.operator.validation;

/**
 * A field's location written the way the API server writes it: {@code
 * spec.rules[0].withConsent.retention}, map entries as {@code spec.minimumAge.byJurisdiction[TH]}.
 */
public record FieldPath(String text) {
  public static final FieldPath ROOT = new FieldPath("");

  public FieldPath child(String name) {
    return new FieldPath(text.isEmpty() ? name : text + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(text + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(text + "[" + key + "]");
  }

  /** A path relative to this one, as in a validation rule's {@code fieldPath} (".a.b", "a[0]"). */
  public FieldPath append(String relative) {
    String r = relative.startsWith(".") ? relative.substring(1) : relative;
    if (r.isEmpty()) {
      return this;
    }
    return new FieldPath(text.isEmpty() || r.startsWith("[") ? text + r : text + "." + r);
  }

  /** True when this path is {@code other} or lies below it. */
  public boolean isWithin(FieldPath other) {
    if (other.text.isEmpty() || text.equals(other.text)) {
      return true;
    }
    return text.startsWith(other.text)
        && (text.charAt(other.text.length()) == '.' || text.charAt(other.text.length()) == '[');
  }

  @Override
  public String toString() {
    return text;
  }
}
