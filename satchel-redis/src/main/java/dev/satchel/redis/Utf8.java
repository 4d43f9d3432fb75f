package dev.satchel.redis;

/** UTF-8 sizing and safe display of text the store is asked to keep. */
final class Utf8 {

  private Utf8() {}

  /**
   * The UTF-8 length of {@code s}, or {@code -(index + 1)} of the first unpaired surrogate, which UTF-8 cannot carry
   * (the codec would silently turn it into '?', merging distinct names).
   */
  static long length(String s) {
    long bytes = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 4;
          i++;
        } else {
          return -(i + 1L);
        }
      } else if (Character.isLowSurrogate(c)) {
        return -(i + 1L);
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** A quoted, escaped and shortened form of untrusted text for error messages and logs. */
  static String show(String s) {
    StringBuilder b = new StringBuilder("'");
    int n = Math.min(s.length(), 64);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\'') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > n) {
      b.append("…(").append(s.length()).append(" chars)");
    }
    return b.append('\'').toString();
  }
}
