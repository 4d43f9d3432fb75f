package dev.satchel.session.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader giving the values Jackson's untyped reading gives (LinkedHashMap, ArrayList, String,
 * Integer/Long/BigInteger by size, Double, Boolean, null; a repeated key keeps its first position and last value).
 *
 * <p>It only ever sees payloads whose signature or tag was verified, i.e. JSON this library wrote; it still refuses
 * (never crashes on) anything malformed: leading zeros, raw control characters in strings, bad escapes, trailing
 * content, nesting deeper than 1000. Invalid UTF-8 inside strings becomes U+FFFD. Exists because creating a Jackson
 * parser and context costs more than reading a small session.
 */
final class PlainJsonReader {

  private static final int MAX_DEPTH = 1000;

  /** Thrown to unwind on bad input; no stack trace, so refusing garbage stays cheap. */
  private static final RuntimeException BAD = new RuntimeException("malformed JSON", null, false, false) {};

  private final byte[] b;
  private final int end;
  private int i;

  private PlainJsonReader(byte[] b, int offset, int length) {
    this.b = b;
    this.i = offset;
    this.end = offset + length;
  }

  /** The value of {@code json[offset, offset + length)}, {@link CodecJson#JSON_NULL} for null, or {@link CodecJson#NOT_JSON}. */
  static Object read(byte[] json, int offset, int length) {
    PlainJsonReader r = new PlainJsonReader(json, offset, length);
    try {
      Object v = r.value(0);
      r.skipWhitespace();
      if (r.i != r.end) {
        return CodecJson.NOT_JSON;
      }
      return v == null ? CodecJson.JSON_NULL : v;
    } catch (RuntimeException e) {
      // BAD, or an index/number problem on garbage: all mean "not JSON".
      return CodecJson.NOT_JSON;
    }
  }

  private Object value(int depth) {
    skipWhitespace();
    if (i >= end) {
      throw BAD;
    }
    byte c = b[i];
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw BAD;
    }
  }

  private Map<String, Object> object(int depth) {
    if (depth > MAX_DEPTH) {
      throw BAD;
    }
    i++; // '{'
    Map<String, Object> m = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw BAD;
      }
      String key = string();
      skipWhitespace();
      if (peek() != ':') {
        throw BAD;
      }
      i++;
      m.put(key, value(depth));
      skipWhitespace();
      byte c = peek();
      i++;
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw BAD;
      }
    }
  }

  private List<Object> array(int depth) {
    if (depth > MAX_DEPTH) {
      throw BAD;
    }
    i++; // '['
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      i++;
      return list;
    }
    while (true) {
      list.add(value(depth));
      skipWhitespace();
      byte c = peek();
      i++;
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw BAD;
      }
    }
  }

  private String string() {
    int start = ++i; // after the opening quote
    boolean ascii = true;
    while (true) {
      if (i >= end) {
        throw BAD;
      }
      byte c = b[i];
      if (c == '"') {
        String s = new String(b, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        i++;
        return s;
      }
      if (c == '\\') {
        return escapedString(start);
      }
      if (c >= 0 && c < 0x20) {
        throw BAD; // raw control characters are not allowed in JSON strings
      }
      ascii &= c >= 0;
      i++;
    }
  }

  /** The slow path, from the string's first byte, once a backslash was seen. */
  private String escapedString(int start) {
    StringBuilder sb = new StringBuilder(i - start + 16);
    int runStart = start;
    while (true) {
      if (i >= end) {
        throw BAD;
      }
      byte c = b[i];
      if (c == '"') {
        sb.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
        i++;
        return sb.toString();
      }
      if (c >= 0 && c < 0x20) {
        throw BAD;
      }
      if (c != '\\') {
        i++;
        continue;
      }
      sb.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
      if (i + 1 >= end) {
        throw BAD;
      }
      byte e = b[i + 1];
      i += 2;
      switch (e) {
        case '"': sb.append('"'); break;
        case '\\': sb.append('\\'); break;
        case '/': sb.append('/'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'n': sb.append('\n'); break;
        case 'r': sb.append('\r'); break;
        case 't': sb.append('\t'); break;
        case 'u': {
          if (i + 4 > end) {
            throw BAD;
          }
          int v = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(b[i + k], 16);
            if (d < 0) {
              throw BAD;
            }
            v = (v << 4) | d;
          }
          i += 4;
          sb.append((char) v);
          break;
        }
        default:
          throw BAD;
      }
      runStart = i;
    }
  }

  private Object number() {
    int start = i;
    if (b[i] == '-') {
      i++;
    }
    int intStart = i;
    if (i >= end || !digit(b[i])) {
      throw BAD;
    }
    if (b[i] == '0') {
      i++;
      if (i < end && digit(b[i])) {
        throw BAD; // leading zero
      }
    } else {
      while (i < end && digit(b[i])) {
        i++;
      }
    }
    int intDigits = i - intStart;
    boolean integral = true;
    if (i < end && b[i] == '.') {
      integral = false;
      i++;
      requireDigits();
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      integral = false;
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      requireDigits();
    }
    if (!integral) {
      return Double.parseDouble(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    }
    if (intDigits <= 18) {
      long v = 0;
      for (int k = intStart; k < i; k++) {
        v = v * 10 + (b[k] - '0');
      }
      if (b[start] == '-') {
        v = -v;
      }
      return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
    }
    BigInteger big = new BigInteger(new String(b, start, i - start, StandardCharsets.ISO_8859_1));
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private void requireDigits() {
    if (i >= end || !digit(b[i])) {
      throw BAD;
    }
    while (i < end && digit(b[i])) {
      i++;
    }
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private void literal(String word) {
    int len = word.length();
    if (i + len > end) {
      throw BAD;
    }
    for (int k = 0; k < len; k++) {
      if (b[i + k] != word.charAt(k)) {
        throw BAD;
      }
    }
    i += len;
  }

  private byte peek() {
    if (i >= end) {
      throw BAD;
    }
    return b[i];
  }

  private void skipWhitespace() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }
}
