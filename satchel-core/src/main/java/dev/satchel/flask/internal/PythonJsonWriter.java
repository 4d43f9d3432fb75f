package dev.satchel.flask.internal;

import dev.satchel.flask.FlaskMarkup;
import dev.satchel.flask.FlaskTuple;
import dev.satchel.json.SessionJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Java values as the exact text Python's {@code json.dumps(..., separators=(",", ":"))} produces, optionally
 * with Flask's type tags, sorted keys and ASCII-only output.
 *
 * <p>Immutable and thread-safe. Throws {@link IllegalArgumentException} naming the value it cannot write.
 */
public final class PythonJsonWriter {

  /** The tags Flask registers; a one-key dict with one of these keys must be wrapped in {@code " di"}. */
  public static final Set<String> TAG_KEYS = Set.of(" t", " b", " m", " u", " d", " di");
  /** Deeper values are refused: Python's recursion limit makes Flask fail on them anyway. */
  public static final int MAX_DEPTH = 500;
  /** Python 3.11+ refuses to print or parse integers longer than this (a guard against quadratic conversion). */
  public static final int MAX_INT_DIGITS = 4300;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Orders strings by Unicode code point, as Python sorts {@code str}; Java's compareTo uses UTF-16 units. */
  public static final Comparator<String> CODE_POINT_ORDER = PythonJsonWriter::compareCodePoints;

  private final boolean flaskTags;
  private final boolean sortKeys;
  private final boolean ensureAscii;
  private final Set<String> tupleKeys;
  private final Set<String> tupleListKeys;

  /**
   * A writer.
   *
   * @param flaskTags write UUID, bytes, dates, tuples and Markup with Flask's tags
   * @param sortKeys sort object keys by code point (Flask's sessions do)
   * @param ensureAscii escape every non-ASCII character as {@code \\uXXXX} (Flask's sessions do)
   * @param tupleKeys top-level keys whose list value is written as a tuple
   * @param tupleListKeys top-level keys whose value is a list of lists, each written as a tuple (Flask's flashes)
   */
  public PythonJsonWriter(boolean flaskTags, boolean sortKeys, boolean ensureAscii, Set<String> tupleKeys,
      Set<String> tupleListKeys) {
    this.flaskTags = flaskTags;
    this.sortKeys = sortKeys;
    this.ensureAscii = ensureAscii;
    this.tupleKeys = Set.copyOf(tupleKeys);
    this.tupleListKeys = Set.copyOf(tupleListKeys);
  }

  /** Writes one value. */
  public String write(Object value) {
    StringBuilder out = new StringBuilder(128);
    value(value, out, 0, null);
    return out.toString();
  }

  /** {@code rule} is how a top-level key asked its list to be written: null, "tuple" or "tuples". */
  private void value(Object value, StringBuilder out, int depth, String rule) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("Session value nested deeper than " + MAX_DEPTH + " levels");
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof AtomicInteger || value instanceof AtomicLong) {
      out.append(((Number) value).longValue());
    } else if (value instanceof BigInteger big) {
      String digits = big.toString();
      if (digits.length() - (big.signum() < 0 ? 1 : 0) > MAX_INT_DIGITS) {
        throw new IllegalArgumentException("Integer with more than " + MAX_INT_DIGITS
            + " digits: Python refuses to read it back");
      }
      out.append(digits);
    } else if (value instanceof Double d) {
      out.append(PythonFloat.repr(d));
    } else if (value instanceof Float f) {
      out.append(PythonFloat.repr(f.doubleValue()));
    } else if (value instanceof BigDecimal dec) {
      // Flask's JSON provider writes decimal.Decimal as str(d); both follow the same to-scientific-string rules.
      string(dec.toString(), out);
    } else if (value instanceof Character c) {
      string(c.toString(), out);
    } else if (value instanceof Map<?, ?> map) {
      map(map, out, depth, depth == 0);
    } else if (value instanceof FlaskTuple tuple) {
      if (flaskTags) {
        out.append("{\" t\":");
        array(tuple, out, depth + 1, null);
        out.append('}');
      } else {
        array(tuple, out, depth, null);
      }
    } else if (value instanceof Collection<?> list) {
      if ("tuple".equals(rule) && flaskTags) {
        out.append("{\" t\":");
        array(list, out, depth + 1, null);
        out.append('}');
      } else {
        array(list, out, depth, "tuples".equals(rule) ? "tuple" : null);
      }
    } else if (value instanceof Object[] array) {
      value(java.util.Arrays.asList(array), out, depth, rule);
    } else if (flaskTags && value instanceof byte[] bytes) {
      tagged(" b", Base64.getEncoder().encodeToString(bytes), out);
    } else if (flaskTags && value instanceof FlaskMarkup markup) {
      tagged(" m", markup.html(), out);
    } else if (!flaskTags && value instanceof FlaskMarkup markup) {
      string(markup.html(), out);
    } else if (flaskTags && value instanceof UUID uuid) {
      tagged(" u", uuid.toString().replace("-", ""), out);
    } else if (flaskTags && value instanceof Instant instant) {
      tagged(" d", HttpDate.format(instant), out);
    } else if (flaskTags && value instanceof ZonedDateTime zoned) {
      tagged(" d", HttpDate.format(zoned.toInstant()), out);
    } else if (flaskTags && value instanceof OffsetDateTime offset) {
      tagged(" d", HttpDate.format(offset.toInstant()), out);
    } else if (flaskTags && value instanceof java.time.LocalDateTime) {
      throw new IllegalArgumentException("LocalDateTime " + value + " has no time zone, so Flask would read it as"
          + " UTC: store an Instant, ZonedDateTime or OffsetDateTime");
    } else {
      value(convert(value), out, depth + 1, rule);
    }
  }

  /** Anything else goes through the shared Satchel mapping (records become dicts), or is refused with its type. */
  private static Object convert(Object value) {
    Object converted;
    try {
      converted = SessionJson.mapper().convertValue(value, Object.class);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Session value of type " + value.getClass().getName()
          + " cannot be written as Flask JSON: " + e.getMessage(), e);
    }
    if (converted != null && converted.getClass() == value.getClass()) {
      throw new IllegalArgumentException("Session value of type " + value.getClass().getName()
          + " cannot be written as Flask JSON");
    }
    return converted;
  }

  private void tagged(String tag, String text, StringBuilder out) {
    out.append("{\"").append(tag).append("\":");
    string(text, out);
    out.append('}');
  }

  private void map(Map<?, ?> map, StringBuilder out, int depth, boolean topLevel) {
    if (flaskTags && map.size() == 1) {
      Map.Entry<?, ?> only = map.entrySet().iterator().next();
      if (only.getKey() instanceof String key && TAG_KEYS.contains(key)) {
        // Flask's TagDict: a user dict that looks like a tag is wrapped so it is not mistaken for one.
        out.append("{\" di\":{");
        string(key + "__", out);
        out.append(':');
        value(only.getValue(), out, depth + 2, null);
        out.append("}}");
        return;
      }
    }
    List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("Map key " + e.getKey() + " of type "
            + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + " is not a String");
      }
      entries.add(Map.entry(key, e.getValue() == null ? NULL : e.getValue()));
    }
    if (sortKeys) {
      entries.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
    }
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> e : entries) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(e.getKey(), out);
      out.append(':');
      String rule = null;
      if (topLevel) {
        rule = tupleKeys.contains(e.getKey()) ? "tuple" : tupleListKeys.contains(e.getKey()) ? "tuples" : null;
      }
      Object v = e.getValue();
      value(v == NULL ? null : v, out, depth + 1, rule);
    }
    out.append('}');
  }

  /** Map.entry refuses null values; this stands in for them while sorting. */
  private static final Object NULL = new Object();

  private void array(Collection<?> list, StringBuilder out, int depth, String elementRule) {
    out.append('[');
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        out.append(',');
      }
      first = false;
      value(item, out, depth + 1, elementRule);
    }
    out.append(']');
  }

  /** Python's string escaping: short escapes for the usual five, {@code \\u00XX} for other controls. */
  void string(String s, StringBuilder out) {
    out.append('"');
    int len = s.length();
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || (ensureAscii && c > 0x7e)) {
            // Astral characters come out as their two surrogates, exactly as Python's ensure_ascii writes them.
            out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15])
                .append(HEX[c & 15]);
          } else if (!ensureAscii && Character.isSurrogate(c) && !pairedAt(s, i)) {
            throw new IllegalArgumentException("String contains a lone surrogate at index " + i
                + ": it cannot be encoded as UTF-8");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean pairedAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Compares by code point; a surrogate not part of a pair counts as its own value, as in Python. */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i == n) {
      return Integer.compare(a.length(), b.length());
    }
    int start = i;
    if (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))
        && (Character.isLowSurrogate(a.charAt(i)) || Character.isLowSurrogate(b.charAt(i)))) {
      start = i - 1;
    }
    return Integer.compare(codePointAt(a, start), codePointAt(b, start));
  }

  private static int codePointAt(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      return Character.toCodePoint(c, s.charAt(i + 1));
    }
    return c;
  }
}
