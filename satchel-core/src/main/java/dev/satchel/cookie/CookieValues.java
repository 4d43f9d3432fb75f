package dev.satchel.cookie;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns arbitrary bytes and text into cookie-safe values and back, so nobody hand-rolls an encoding. Both encodings
 * produce only RFC 6265 cookie-octets. Decoding never throws: bad input gives an empty result.
 */
public final class CookieValues {

  private static final Base64.Encoder B64_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CookieValues() {}

  /** base64url without padding (RFC 4648 section 5) of {@code bytes}. */
  public static String base64UrlEncode(byte[] bytes) {
    return B64_ENCODER.encodeToString(bytes);
  }

  /** base64url without padding of the UTF-8 bytes of {@code text}. */
  public static String base64UrlEncode(String text) {
    return base64UrlEncode(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The bytes of a base64url value (padding optional); empty if it is not base64url. */
  public static Optional<byte[]> base64UrlDecode(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '=';
      if (!ok) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(value));
    } catch (IllegalArgumentException malformed) {
      // Wrong length or misplaced padding: not a value we wrote.
      return Optional.empty();
    }
  }

  /** The text of a base64url value holding UTF-8; empty if it is not base64url or not valid UTF-8. */
  public static Optional<String> base64UrlDecodeToString(String value) {
    return base64UrlDecode(value).flatMap(CookieValues::strictUtf8);
  }

  /**
   * Percent-encodes the UTF-8 bytes of {@code text}, keeping only the URL-unreserved characters {@code A-Z a-z 0-9 -
   * . _ ~}: readable for ASCII text, safe for anything.
   */
  public static String percentEncode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = null;
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      if (isUnreserved(b)) {
        if (sb != null) {
          sb.append((char) b);
        }
      } else {
        if (sb == null) {
          sb = new StringBuilder(bytes.length * 3);
          for (int j = 0; j < i; j++) {
            sb.append((char) bytes[j]);
          }
        }
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * Decodes {@code %XX} sequences (either case) and reads the bytes as UTF-8; other characters pass through. Empty
   * when a {@code %} is not followed by two hex digits or the bytes are not UTF-8.
   */
  public static Optional<String> percentDecode(String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.indexOf('%') < 0) {
      return Optional.of(value);
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[utf8.length];
    int n = 0;
    for (int i = 0; i < utf8.length; i++) {
      byte b = utf8[i];
      if (b == '%') {
        if (i + 2 >= utf8.length) {
          return Optional.empty();
        }
        int hi = Character.digit(utf8[i + 1], 16);
        int lo = Character.digit(utf8[i + 2], 16);
        if (hi < 0 || lo < 0) {
          return Optional.empty();
        }
        out[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else {
        out[n++] = b;
      }
    }
    return strictUtf8(ByteBuffer.wrap(out, 0, n));
  }

  private static boolean isUnreserved(int b) {
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
        || b == '-' || b == '.' || b == '_' || b == '~';
  }

  private static Optional<String> strictUtf8(byte[] bytes) {
    return strictUtf8(ByteBuffer.wrap(bytes));
  }

  private static Optional<String> strictUtf8(ByteBuffer bytes) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes);
      return Optional.of(chars.toString());
    } catch (CharacterCodingException e) {
      // Not text we encoded: the caller treats the cookie as absent.
      return Optional.empty();
    }
  }
}
