package dev.satchel.jdbc.internal;

/**
 * The column sizes of the shipped schema, checked before any SQL runs so a bad input fails with a message naming it
 * instead of a driver-specific truncation error (or, on lenient servers, silent truncation).
 */
public final class Limits {

  /** storage_key VARCHAR(128). */
  public static final int STORAGE_KEY = 128;
  /** name VARCHAR(255). */
  public static final int ATTRIBUTE_NAME = 255;
  /** principal VARCHAR(255). */
  public static final int PRINCIPAL = 255;
  /** device VARCHAR(512): longer values are cut, it is only a description. */
  public static final int DEVICE = 512;

  private Limits() {}

  /** Rejects a storage key the schema cannot hold. */
  public static String storageKey(String key) {
    if (key == null || key.isEmpty() || key.length() > STORAGE_KEY) {
      throw new IllegalArgumentException("Storage key " + (key == null ? "null" : "of " + key.length() + " characters")
          + " is invalid: the JDBC store takes 1 to " + STORAGE_KEY + " characters (SessionId.storageKey() has 43)");
    }
    return key;
  }

  /** Rejects an attribute name the schema cannot hold exactly. */
  public static String attributeName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("Attribute name is null");
    }
    if (name.length() > ATTRIBUTE_NAME) {
      throw new IllegalArgumentException("Attribute name '" + preview(name) + "' has " + name.length()
          + " characters; the JDBC store keeps names of at most " + ATTRIBUTE_NAME + " (UTF-16 units)");
    }
    String problem = unstorable(name);
    if (problem != null) {
      throw new IllegalArgumentException("Attribute name '" + preview(name) + "' " + problem);
    }
    return name;
  }

  /** Rejects a JSON value the databases would refuse or alter. */
  public static String value(String name, String json) {
    if (json == null) {
      throw new IllegalArgumentException("Attribute '" + preview(name) + "' has a null JSON value; remove it instead");
    }
    if (json.indexOf('\0') >= 0) {
      // JSON escapes control characters, so a raw NUL means the caller did not pass JSON text; PostgreSQL
      // would refuse it anyway.
      throw new IllegalArgumentException("Attribute '" + preview(name)
          + "' value contains a raw NUL character, which is not valid JSON text");
    }
    return json;
  }

  /** Rejects a principal the schema cannot hold exactly. */
  public static String principal(String principal) {
    if (principal == null) {
      return null;
    }
    if (principal.length() > PRINCIPAL) {
      throw new IllegalArgumentException("Principal '" + preview(principal) + "' has " + principal.length()
          + " characters; the JDBC store keeps principals of at most " + PRINCIPAL);
    }
    String problem = unstorable(principal);
    if (problem != null) {
      throw new IllegalArgumentException("Principal '" + preview(principal) + "' " + problem);
    }
    return principal;
  }

  /** A device description made storable: cut to the column size (never inside a surrogate pair), NULs replaced. */
  public static String device(String device) {
    if (device == null) {
      return null;
    }
    String out = device;
    if (out.length() > DEVICE) {
      int end = Character.isHighSurrogate(out.charAt(DEVICE - 1)) ? DEVICE - 1 : DEVICE;
      out = out.substring(0, end);
    }
    if (unstorable(out) == null) {
      return out;
    }
    StringBuilder b = new StringBuilder(out.length());
    out.codePoints().forEach(cp -> b.appendCodePoint(cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp));
    return b.toString();
  }

  /** Why a string cannot be stored unchanged in every supported database, or null when it can. */
  private static String unstorable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        return "contains a NUL character, which PostgreSQL cannot store";
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate at index " + i + ", which is not valid Unicode and cannot be stored"
            + " as UTF-8";
      }
    }
    return null;
  }

  private static String preview(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
