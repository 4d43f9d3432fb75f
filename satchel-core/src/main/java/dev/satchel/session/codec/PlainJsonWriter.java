package dev.satchel.session.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes sessions made only of JSON-native values (String, Integer, Long, Boolean, null, List, Map with String keys)
 * straight into a byte array, byte-for-byte as Jackson writes them: compact, UTF-8, quote and backslash escaped,
 * control characters as the short escapes (b, t, n, f, r) or six-character unicode escapes with upper-case hex,
 * every surrogate code unit escaped the same way (as Jackson does), everything else raw UTF-8.
 *
 * <p>For anything else (records, {@code java.time}, doubles, maps with other keys...) it gives up and the caller uses
 * Jackson; tests check both paths give identical bytes. Exists because building a Jackson generator and serializer
 * context costs more than writing a small session.
 */
final class PlainJsonWriter {

  private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  /** 0: copy; -1: a six-character unicode escape; other: the letter after a backslash. */
  private static final byte[] ESCAPES = new byte[128];
  private static final int MAX_DEPTH = 500;

  static {
    for (int i = 0; i < 32; i++) {
      ESCAPES[i] = -1;
    }
    ESCAPES['"'] = '"';
    ESCAPES['\\'] = '\\';
    ESCAPES['\b'] = 'b';
    ESCAPES['\t'] = 't';
    ESCAPES['\f'] = 'f';
    ESCAPES['\n'] = 'n';
    ESCAPES['\r'] = 'r';
  }

  private byte[] buf;
  private int n;

  private PlainJsonWriter(int prefix, int capacity) {
    this.buf = new byte[prefix + capacity];
    this.n = prefix;
  }

  /** The JSON after {@code prefix} zero bytes, exactly sized; null when a value needs Jackson. */
  static byte[] write(Map<?, ?> attributes, int prefix) {
    PlainJsonWriter w = new PlainJsonWriter(prefix, 128);
    if (!w.map(attributes, 0)) {
      return null;
    }
    return w.n == w.buf.length ? w.buf : Arrays.copyOf(w.buf, w.n);
  }

  private boolean value(Object v, int depth) {
    if (v instanceof String s) {
      return string(s);
    } else if (v instanceof Integer i) {
      ascii(Integer.toString(i));
    } else if (v instanceof Long l) {
      ascii(Long.toString(l));
    } else if (v instanceof Boolean b) {
      ascii(b ? "true" : "false");
    } else if (v == null) {
      ascii("null");
    } else if (v instanceof List<?> list) {
      if (depth >= MAX_DEPTH) {
        return false;
      }
      put((byte) '[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          put((byte) ',');
        }
        first = false;
        if (!value(item, depth + 1)) {
          return false;
        }
      }
      put((byte) ']');
    } else if (v instanceof Map<?, ?> m) {
      return depth < MAX_DEPTH && map(m, depth + 1);
    } else {
      return false;
    }
    return true;
  }

  private boolean map(Map<?, ?> m, int depth) {
    put((byte) '{');
    boolean first = true;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        return false;
      }
      if (!first) {
        put((byte) ',');
      }
      first = false;
      if (!string(key)) {
        return false;
      }
      put((byte) ':');
      if (!value(e.getValue(), depth)) {
        return false;
      }
    }
    put((byte) '}');
    return true;
  }

  /** Always true; a boolean like the other writers so callers stay uniform. */
  private boolean string(String s) {
    int len = s.length();
    // Worst case 6 bytes a char (escapes); re-checked at each escape so the common case reserves only 3.
    ensure(len * 3 + 2);
    byte[] b = buf;
    int at = n;
    b[at++] = '"';
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte esc = ESCAPES[c];
        if (esc == 0) {
          b[at++] = (byte) c;
        } else {
          n = at;
          ensure(6 + (len - i) * 3 + 1);
          b = buf;
          b[at++] = '\\';
          if (esc > 0) {
            b[at++] = esc;
          } else {
            b[at++] = 'u';
            b[at++] = '0';
            b[at++] = '0';
            b[at++] = HEX[c >> 4];
            b[at++] = HEX[c & 0xf];
          }
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xc0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        // Jackson writes every surrogate code unit (paired or not) as an escape, never as 4-byte UTF-8.
        n = at;
        ensure(6 + (len - i) * 3 + 1);
        b = buf;
        b[at++] = '\\';
        b[at++] = 'u';
        b[at++] = HEX[c >> 12];
        b[at++] = HEX[(c >> 8) & 0xf];
        b[at++] = HEX[(c >> 4) & 0xf];
        b[at++] = HEX[c & 0xf];
      } else {
        b[at++] = (byte) (0xe0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[at++] = '"';
    n = at;
    return true;
  }

  @SuppressWarnings("deprecation")
  private void ascii(String s) {
    int len = s.length();
    ensure(len);
    s.getBytes(0, len, buf, n); // deprecated only because it drops the high byte; these are ASCII digits/letters
    n += len;
  }

  private void put(byte c) {
    ensure(1);
    buf[n++] = c;
  }

  private void ensure(int more) {
    if (n + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
    }
  }
}
