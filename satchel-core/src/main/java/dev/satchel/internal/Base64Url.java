package dev.satchel.internal;

import java.util.Base64;

/**
 * Small helpers around the JDK's base64url codec for tokens kept as ASCII byte arrays: validation before decoding
 * (so bad input is a result, not an exception), exact lengths, and encoding of short numbers without allocating.
 */
public final class Base64Url {

  /** URL-safe encoder without padding, the form every Satchel token uses. */
  public static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  /** URL-safe decoder; only call it on input {@link #isValid} accepted. */
  public static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private static final byte[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** Value of each byte (indexed by {@code b & 0xff}), -1 outside the alphabet. */
  private static final byte[] VALUES = new byte[256];

  static {
    java.util.Arrays.fill(VALUES, (byte) -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      VALUES[ALPHABET[i]] = (byte) i;
    }
  }

  private Base64Url() {}

  /** Characters needed for {@code n} bytes without padding. */
  public static int encodedLength(int n) {
    return (n / 3) * 4 + (n % 3 == 0 ? 0 : n % 3 + 1);
  }

  /**
   * True when {@code b[from, to)} is unpadded base64url the JDK decoder accepts: alphabet only, and a length that is
   * not 1 more than a multiple of 4 (such a tail cannot encode a whole byte).
   */
  public static boolean isValid(byte[] b, int from, int to) {
    if ((to - from) % 4 == 1) {
      return false;
    }
    // No early exit: one OR per byte keeps the loop branch-free (and the timing independent of where a bad byte is).
    int bad = 0;
    for (int i = from; i < to; i++) {
      bad |= VALUES[b[i] & 0xff];
    }
    return bad >= 0;
  }

  /** True for the 64 characters of the base64url alphabet. */
  public static boolean isAlphabet(byte c) {
    return VALUES[c & 0xff] >= 0;
  }

  /** The value of one alphabet character, or -1. */
  static int value(byte c) {
    return VALUES[c & 0xff];
  }

  /** Largest number {@link #writeUnsigned} takes: 7 bytes, far beyond any epoch-seconds timestamp. */
  public static final long MAX_UNSIGNED = (1L << 56) - 1;

  /**
   * Writes {@code value} (0..{@link #MAX_UNSIGNED}) as its minimal big-endian bytes in base64url at {@code dst[at]}
   * (the itsdangerous timestamp form); returns the end offset.
   */
  public static int writeUnsigned(long value, byte[] dst, int at) {
    if (value < 0 || value > MAX_UNSIGNED) {
      throw new IllegalArgumentException("value out of range: " + value);
    }
    int bytes = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 7) / 8);
    int chars = encodedLength(bytes);
    int pad = chars * 6 - bytes * 8;
    long bits = value << pad;
    for (int i = chars - 1; i >= 0; i--) {
      dst[at + i] = ALPHABET[(int) (bits & 0x3f)];
      bits >>>= 6;
    }
    return at + chars;
  }

  /**
   * Reads what {@link #writeUnsigned} wrote in {@code src[from, to)}, or -1 when it is not base64url, longer than
   * 7 bytes, or has stray bits after the last byte.
   */
  public static long readUnsigned(byte[] src, int from, int to) {
    int len = to - from;
    if (len < 2 || len > 10 || len % 4 == 1) {
      return -1;
    }
    long bits = 0;
    for (int i = from; i < to; i++) {
      int v = value(src[i]);
      if (v < 0) {
        return -1;
      }
      bits = (bits << 6) | v;
    }
    int pad = (len * 6) % 8;
    if ((bits & ((1L << pad) - 1)) != 0) {
      return -1;
    }
    return bits >>> pad;
  }
}
