package dev.satchel.flask.internal;

import dev.satchel.flask.FlaskMarkup;
import dev.satchel.flask.FlaskTuple;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads JSON the way Python's {@code json.loads} does (NaN/Infinity literals, integers of any size, last duplicate
 * key wins, strict strings), optionally undoing Flask's type tags as its {@code object_hook} does: innermost first.
 *
 * <p>Hand-written and index-based. Objects become {@link LinkedHashMap}, arrays {@link ArrayList}, integers
 * Integer/Long/BigInteger, other numbers Double. Bad input throws {@link JsonSyntaxException}; the codecs catch it.
 */
public final class PythonJsonReader {

  /** Thrown for input Python's reader (or Flask's tag hook) would refuse. */
  public static final class JsonSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean badTag;

    JsonSyntaxException(String message, boolean badTag) {
      super(message, null, false, false);
      this.badTag = badTag;
    }

    /** True when the text was JSON but a Flask tag held a value of the wrong shape. */
    public boolean isBadTag() {
      return badTag;
    }
  }

  private final String s;
  private final boolean flaskTags;
  private final boolean tuplesAsFlaskTuple;
  private int pos;

  private PythonJsonReader(String s, boolean flaskTags, boolean tuplesAsFlaskTuple) {
    this.s = s;
    this.flaskTags = flaskTags;
    this.tuplesAsFlaskTuple = tuplesAsFlaskTuple;
  }

  /**
   * Parses one JSON document.
   *
   * @param flaskTags undo Flask's tags
   * @param tuplesAsFlaskTuple read {@code " t"} as {@link FlaskTuple} (else as a mutable list)
   */
  public static Object read(String json, boolean flaskTags, boolean tuplesAsFlaskTuple) {
    PythonJsonReader r = new PythonJsonReader(json, flaskTags, tuplesAsFlaskTuple);
    r.skipWhitespace();
    Object value = r.value(0);
    r.skipWhitespace();
    if (r.pos != json.length()) {
      throw r.error("extra data");
    }
    return value;
  }

  private JsonSyntaxException error(String what) {
    return new JsonSyntaxException(what + " at offset " + pos, false);
  }

  private static JsonSyntaxException badTag(String what) {
    return new JsonSyntaxException(what, true);
  }

  private void skipWhitespace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private Object value(int depth) {
    if (depth > PythonJsonWriter.MAX_DEPTH) {
      throw error("nested too deeply");
    }
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      case 'N':
        return literal("NaN", Double.NaN);
      case 'I':
        return literal("Infinity", Double.POSITIVE_INFINITY);
      default:
        if (c == '-' && s.startsWith("-Infinity", pos)) {
          pos += 9;
          return Double.NEGATIVE_INFINITY;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, pos)) {
      throw error("unexpected character");
    }
    pos += word.length();
    return value;
  }

  private Object number() {
    int start = pos;
    if (s.charAt(pos) == '-') {
      pos++;
    }
    if (pos >= s.length()) {
      throw error("bad number");
    }
    char first = s.charAt(pos);
    if (first == '0') {
      pos++;
    } else if (first >= '1' && first <= '9') {
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
    } else {
      throw error("bad number");
    }
    boolean isFloat = false;
    if (pos + 1 < s.length() && s.charAt(pos) == '.' && isDigit(s.charAt(pos + 1))) {
      isFloat = true;
      pos += 2;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      int p = pos + 1;
      if (p < s.length() && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
        p++;
      }
      if (p < s.length() && isDigit(s.charAt(p))) {
        isFloat = true;
        pos = p;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
          pos++;
        }
      }
    }
    String text = s.substring(start, pos);
    if (isFloat) {
      return Double.parseDouble(text);
    }
    int digits = text.length() - (text.charAt(0) == '-' ? 1 : 0);
    if (digits > PythonJsonWriter.MAX_INT_DIGITS) {
      throw error("integer longer than " + PythonJsonWriter.MAX_INT_DIGITS + " digits");
    }
    if (digits <= 18) {
      long v = Long.parseLong(text);
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        return (int) v;
      }
      return v;
    }
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private String string() {
    pos++; // opening quote
    StringBuilder out = null;
    int runStart = pos;
    while (true) {
      if (pos >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(pos);
      if (c == '"') {
        String result = out == null ? s.substring(runStart, pos) : out.append(s, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c < 0x20) {
        throw error("invalid control character in string");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder();
      }
      out.append(s, runStart, pos);
      pos++;
      if (pos >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(hex4());
        default -> throw error("invalid escape");
      }
      runStart = pos;
    }
  }

  private char hex4() {
    if (pos + 4 > s.length()) {
      throw error("truncated \\u escape");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(s.charAt(pos + i), 16);
      if (d < 0 || s.charAt(pos + i) > 'f') {
        throw error("invalid \\u escape");
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (pos < s.length() && s.charAt(pos) == ']') {
      pos++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth + 1));
      skipWhitespace();
      if (pos >= s.length()) {
        throw error("unterminated array");
      }
      char c = s.charAt(pos++);
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private Object object(int depth) {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (pos < s.length() && s.charAt(pos) == '}') {
      pos++;
      return finish(map);
    }
    while (true) {
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != '"') {
        throw error("expected a string key");
      }
      String key = string();
      skipWhitespace();
      if (pos >= s.length() || s.charAt(pos) != ':') {
        throw error("expected ':'");
      }
      pos++;
      skipWhitespace();
      map.put(key, value(depth + 1));
      skipWhitespace();
      if (pos >= s.length()) {
        throw error("unterminated object");
      }
      char c = s.charAt(pos++);
      if (c == '}') {
        return finish(map);
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  /** Flask's untag hook: a one-key object whose key is a tag becomes the tagged type. */
  private Object finish(Map<String, Object> map) {
    if (!flaskTags || map.size() != 1) {
      return map;
    }
    Map.Entry<String, Object> only = map.entrySet().iterator().next();
    Object v = only.getValue();
    switch (only.getKey()) {
      case " t":
        if (!(v instanceof List<?> items)) {
          throw badTag("tuple tag holds no array");
        }
        return tuplesAsFlaskTuple ? FlaskTuple.copyOf(items) : items;
      case " b":
        try {
          return Base64.getDecoder().decode(text(v, "bytes"));
        } catch (IllegalArgumentException e) {
          throw badTag("bytes tag holds bad base64");
        }
      case " m":
        return new FlaskMarkup(text(v, "Markup"));
      case " u":
        return uuid(text(v, "UUID"));
      case " d":
        // Flask's parse_date gives None for a date it cannot read; the value reads as null here too.
        Instant instant = HttpDate.parse(text(v, "datetime"));
        return instant;
      case " di":
        if (!(v instanceof Map<?, ?> inner) || inner.isEmpty()) {
          throw badTag("dict tag holds no object");
        }
        Map.Entry<?, ?> first = inner.entrySet().iterator().next();
        String key = (String) first.getKey();
        Map<String, Object> result = new LinkedHashMap<>(2);
        result.put(key.substring(0, Math.max(0, key.length() - 2)), first.getValue());
        return result;
      default:
        return map;
    }
  }

  private static String text(Object v, String type) {
    if (v instanceof String str) {
      return str;
    }
    throw badTag(type + " tag holds no string");
  }

  /** Python's UUID() accepts braces, hyphens and a urn:uuid: prefix around 32 hex digits. */
  private static UUID uuid(String text) {
    String hex = text.replace("urn:", "").replace("uuid:", "");
    hex = hex.replaceAll("^\\{|}$", "").replace("-", "");
    if (hex.length() != 32) {
      throw badTag("UUID tag does not hold 32 hex digits");
    }
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 32; i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0 || hex.charAt(i) > 'f') {
        throw badTag("UUID tag does not hold 32 hex digits");
      }
      if (i < 16) {
        hi = (hi << 4) | d;
      } else {
        lo = (lo << 4) | d;
      }
    }
    return new UUID(hi, lo);
  }
}
