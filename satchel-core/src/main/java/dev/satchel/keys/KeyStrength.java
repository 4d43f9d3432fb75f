package dev.satchel.keys;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Estimates whether a key carries at least 256 bits of entropy.
 *
 * <p>Nobody can measure the entropy of one string; this rejects what is obviously weak. Binary keys (prefixed
 * forms) count 8 bits a byte. Raw text counts log2 of the smallest usual alphabet its characters come from (hex 16,
 * base64 64, printable ASCII 95, 8 bits for other characters) per character, so {@code openssl rand -hex 32},
 * {@code openssl rand -base64 32} and Python's {@code secrets.token_urlsafe(32)} pass while 16 random bytes in hex do
 * not. On top of that: too few distinct symbols for the length (e.g. {@code aaaa...}), a short pattern repeated, or a
 * well-known placeholder word ({@code changeme}, {@code secret}, {@code password}...) make a key weak whatever its
 * length.
 */
final class KeyStrength {

  /** 32 bytes. */
  static final int MIN_BITS = 256;
  static final int MIN_BYTES = 32;

  private static final List<String> PLACEHOLDERS = List.of(
      "changeme", "change-me", "change_me", "secret", "password", "passw0rd", "example", "insecure",
      "notsecure", "default", "letmein", "qwerty");

  private KeyStrength() {}

  /** Why {@code key} (decoded from {@code text}) is weak, or empty when it looks strong enough. */
  static Optional<String> weakness(String text, byte[] key) {
    if (key.length < MIN_BYTES) {
      return Optional.of("it is " + key.length + " bytes long, at least " + MIN_BYTES + " random bytes are needed");
    }
    String t = text.strip();
    if (KeyText.isEncoded(t)) {
      return binaryWeakness(key);
    }
    return textWeakness(t);
  }

  private static Optional<String> binaryWeakness(byte[] key) {
    BitSet seen = new BitSet(256);
    for (byte b : key) {
      seen.set(b & 0xff);
    }
    if (seen.cardinality() < expectedDistinct(256, key.length) / 2) {
      return Optional.of("its " + key.length + " bytes use only " + seen.cardinality()
          + " distinct values, which random bytes almost never do");
    }
    if (period(key.length, (i, j) -> key[i] == key[j]) > 0) {
      return Optional.of("it is a short pattern repeated");
    }
    return Optional.empty();
  }

  private static Optional<String> textWeakness(String t) {
    String lower = t.toLowerCase(Locale.ROOT);
    for (String word : PLACEHOLDERS) {
      if (lower.contains(word)) {
        return Optional.of("it contains the placeholder word '" + word + "'");
      }
    }
    int[] cps = t.codePoints().toArray();
    double bitsPerChar = bitsPerChar(cps);
    double bits = bitsPerChar * cps.length;
    if (bits < MIN_BITS) {
      return Optional.of("as text it carries about " + (int) bits + " bits of entropy (" + cps.length
          + " characters at most " + String.format(Locale.ROOT, "%.1f", bitsPerChar) + " bits each), at least "
          + MIN_BITS + " are needed");
    }
    long distinct = t.codePoints().distinct().count();
    int alphabet = (int) Math.round(Math.pow(2, Math.min(bitsPerChar, 16)));
    if (distinct < expectedDistinct(alphabet, cps.length) / 2) {
      return Optional.of("its " + cps.length + " characters use only " + distinct
          + " distinct symbols, far fewer than a random key would");
    }
    int[] asInts = cps;
    if (period(asInts.length, (i, j) -> asInts[i] == asInts[j]) > 0) {
      return Optional.of("it is a short pattern repeated");
    }
    return Optional.empty();
  }

  /** Bits per character of the smallest common alphabet holding every character. */
  private static double bitsPerChar(int[] cps) {
    boolean hex = true;
    boolean base64 = true;
    boolean ascii = true;
    for (int c : cps) {
      boolean isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      boolean isB64 = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || c == '+' || c == '/' || c == '-' || c == '_' || c == '=';
      hex &= isHex;
      base64 &= isB64;
      ascii &= c >= 0x20 && c < 0x7f;
    }
    if (hex) {
      return 4;
    }
    if (base64) {
      return 6;
    }
    return ascii ? Math.log(95) / Math.log(2) : 8;
  }

  /** Expected number of distinct symbols in {@code n} uniform draws from {@code alphabet} symbols. */
  private static double expectedDistinct(int alphabet, int n) {
    return alphabet * (1 - Math.pow(1 - 1.0 / alphabet, n));
  }

  private interface IndexEquality {
    boolean same(int i, int j);
  }

  /** The shortest period p (with at least two full repeats, p in units of the array) or 0 if none. */
  private static int period(int length, IndexEquality eq) {
    for (int p = 1; p <= length / 2; p++) {
      boolean repeats = true;
      for (int i = p; i < length && repeats; i++) {
        repeats = eq.same(i, i - p);
      }
      if (repeats) {
        return p;
      }
    }
    return 0;
  }
}
