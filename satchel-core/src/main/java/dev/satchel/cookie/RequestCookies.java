package dev.satchel.cookie;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cookies of a request's {@code Cookie} header(s): an immutable, ordered list of name/value pairs.
 *
 * <p>Parsing is lenient and never throws: pairs are split on {@code ;} (always, even inside quotes: honouring quotes
 * would let a crafted cookie swallow the next ones, the "cookie sandwich" that leaks HttpOnly cookies), whitespace
 * around names and values is dropped, a value wholly inside double quotes is unwrapped (with Werkzeug-style {@code
 * \"} and {@code \342} escapes decoded), a pair without {@code =} is a name with an empty value, and pairs with an
 * empty name are skipped. Repeated names keep every value in order; {@link #get} returns the first, which browsers
 * send for the most specific Path. At most {@link #MAX_PAIRS} pairs and {@link #MAX_HEADER_LENGTH} characters are
 * read; see {@link #truncated()}.
 */
public final class RequestCookies {

  /** Most pairs read from a request; browsers keep about 180 cookies per site, so more is abuse. */
  public static final int MAX_PAIRS = 256;
  /** Most characters read from a request's Cookie header(s) together; servers' whole header limits are 8 to 16 KiB. */
  public static final int MAX_HEADER_LENGTH = 32 * 1024;

  private static final RequestCookies EMPTY = new RequestCookies(new String[0], new String[0], 0, false);

  private final String[] names;
  private final String[] values;
  private final int size;
  private final boolean truncated;

  private RequestCookies(String[] names, String[] values, int size, boolean truncated) {
    this.names = names;
    this.values = values;
    this.size = size;
    this.truncated = truncated;
  }

  /** No cookies. */
  public static RequestCookies empty() {
    return EMPTY;
  }

  /** Parses one {@code Cookie} header value; null or garbage gives fewer (or no) cookies, never an exception. */
  public static RequestCookies parse(String cookieHeader) {
    if (cookieHeader == null || cookieHeader.isEmpty()) {
      return EMPTY;
    }
    Parser p = new Parser();
    p.feed(cookieHeader);
    return p.result();
  }

  /** Parses several {@code Cookie} headers (HTTP/2 may split one into many), in order, as if joined by {@code ;}. */
  public static RequestCookies parse(List<String> cookieHeaders) {
    if (cookieHeaders == null || cookieHeaders.isEmpty()) {
      return EMPTY;
    }
    Parser p = new Parser();
    for (String h : cookieHeaders) {
      if (h != null && !p.feed(h)) {
        break;
      }
    }
    return p.result();
  }

  /**
   * The first value of cookie {@code name} in these {@code Cookie} headers, or null: the same answer as {@code
   * parse(cookieHeaders).get(name)}, same limits included, without keeping the other cookies. For a request that
   * needs one cookie (its session) and nothing else.
   */
  public static String find(List<String> cookieHeaders, String name) {
    if (cookieHeaders == null || cookieHeaders.isEmpty() || name == null) {
      return null;
    }
    Parser p = new Parser(name);
    for (String h : cookieHeaders) {
      if (h != null && !p.feed(h)) {
        break;
      }
    }
    return p.found;
  }

  /** The first value of cookie {@code name}, or null. */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  /** The first value of cookie {@code name}. */
  public Optional<String> first(String name) {
    return Optional.ofNullable(get(name));
  }

  /** Every value of cookie {@code name}, in header order; empty if absent. */
  public List<String> getAll(String name) {
    List<String> all = null;
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        if (all == null) {
          all = new ArrayList<>(2);
        }
        all.add(values[i]);
      }
    }
    return all == null ? List.of() : Collections.unmodifiableList(all);
  }

  /** Whether a cookie called {@code name} is present. */
  public boolean contains(String name) {
    return indexOf(name) >= 0;
  }

  /** The distinct names, in order of first appearance. */
  public Set<String> names() {
    Set<String> set = new LinkedHashSet<>();
    for (int i = 0; i < size; i++) {
      set.add(names[i]);
    }
    return Collections.unmodifiableSet(set);
  }

  /** The number of pairs kept, counting repeated names. */
  public int size() {
    return size;
  }

  /** True when input past {@link #MAX_PAIRS} or {@link #MAX_HEADER_LENGTH} was ignored: worth a log line. */
  public boolean truncated() {
    return truncated;
  }

  private int indexOf(String name) {
    if (name == null) {
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Names and values in order; values are not printed since they are often session tokens. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RequestCookies[");
    for (int i = 0; i < size; i++) {
      sb.append(i == 0 ? "" : ", ").append(names[i]).append("=<").append(values[i].length()).append(" chars>");
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RequestCookies)) {
      return false;
    }
    RequestCookies r = (RequestCookies) o;
    return size == r.size
        && Arrays.equals(names, 0, size, r.names, 0, r.size)
        && Arrays.equals(values, 0, size, r.values, 0, r.size);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < size; i++) {
      h = 31 * (31 * h + names[i].hashCode()) + values[i].hashCode();
    }
    return h;
  }

  /** Accumulates pairs across headers, enforcing the limits. */
  private static final class Parser {
    /** When set, only this cookie's first value is kept (in {@link #found}) and parsing stops there. */
    private final String wanted;
    private String found;
    private String[] names;
    private String[] values;
    private int size;
    private int budget = MAX_HEADER_LENGTH;
    private boolean truncated;

    Parser() {
      this.wanted = null;
      this.names = new String[8];
      this.values = new String[8];
    }

    Parser(String wanted) {
      this.wanted = wanted;
    }

    /** Reads one header; false once a limit is reached. */
    boolean feed(String h) {
      int len = h.length();
      int limit = Math.min(len, budget);
      budget -= limit;
      int pos = 0;
      while (pos < limit) {
        int end = pos;
        while (end < limit && h.charAt(end) != ';') {
          end++;
        }
        if (end == limit && limit < len) {
          // This pair runs past the length limit: a cut value would be wrong, so drop it.
          truncated = true;
          return false;
        }
        if (!pair(h, pos, end)) {
          truncated = true;
          return false;
        }
        pos = end + 1;
      }
      if (limit < len) {
        truncated = true;
        return false;
      }
      return true;
    }

    /** Adds the pair in h[from, to); false to stop: the pair limit is reached, or the wanted cookie found. */
    private boolean pair(String h, int from, int to) {
      int eq = from;
      while (eq < to && h.charAt(eq) != '=') {
        eq++;
      }
      int n0 = from;
      int n1 = eq;
      while (n0 < n1 && CookieChars.isOws(h.charAt(n0))) {
        n0++;
      }
      while (n1 > n0 && CookieChars.isOws(h.charAt(n1 - 1))) {
        n1--;
      }
      if (n0 == n1) {
        return true;
      }
      if (size == MAX_PAIRS) {
        return false;
      }
      if (wanted != null) {
        if (n1 - n0 != wanted.length() || !h.regionMatches(n0, wanted, 0, n1 - n0)) {
          size++; // counted, so the pair limit cuts off exactly where parse() would
          return true;
        }
        found = value(h, eq, to);
        return false;
      }
      String value = value(h, eq, to);
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = h.substring(n0, n1);
      values[size] = value;
      size++;
      return true;
    }

    /** The value of the pair whose '=' is at {@code eq} (or none, when {@code eq >= to}), trimmed and unquoted. */
    private static String value(String h, int eq, int to) {
      String value;
      if (eq >= to) {
        value = "";
      } else {
        int v0 = eq + 1;
        int v1 = to;
        while (v0 < v1 && CookieChars.isOws(h.charAt(v0))) {
          v0++;
        }
        while (v1 > v0 && CookieChars.isOws(h.charAt(v1 - 1))) {
          v1--;
        }
        value = v1 - v0 >= 2 && h.charAt(v0) == '"' && h.charAt(v1 - 1) == '"'
            ? unquote(h, v0 + 1, v1 - 1)
            : h.substring(v0, v1);
      }
      return value;
    }

    RequestCookies result() {
      return size == 0 && !truncated ? EMPTY : new RequestCookies(names, values, size, truncated);
    }
  }

  /**
   * The inside of a quoted value; backslash escapes are decoded the way Python's http.cookies and Werkzeug write
   * them: {@code \ooo} is one octet (bytes are then read as UTF-8), {@code \c} is c.
   */
  static String unquote(String h, int from, int to) {
    int bs = from;
    while (bs < to && h.charAt(bs) != '\\') {
      bs++;
    }
    if (bs == to) {
      return h.substring(from, to);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    int i = from;
    while (i < to) {
      char c = h.charAt(i);
      if (c == '\\' && i + 1 < to) {
        if (i + 3 < to && isOctal(h.charAt(i + 1), '3') && isOctal(h.charAt(i + 2), '7')
            && isOctal(h.charAt(i + 3), '7')) {
          out.write((h.charAt(i + 1) - '0') * 64 + (h.charAt(i + 2) - '0') * 8 + (h.charAt(i + 3) - '0'));
          i += 4;
          continue;
        }
        c = h.charAt(i + 1);
        i++;
      }
      writeUtf8(out, h, i, c);
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(h.charAt(i + 1))) {
        i++;
      }
      i++;
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  private static boolean isOctal(char c, char max) {
    return c >= '0' && c <= max;
  }

  private static void writeUtf8(ByteArrayOutputStream out, String h, int i, char c) {
    if (c < 0x80) {
      out.write(c);
      return;
    }
    int cp = c;
    if (Character.isHighSurrogate(c) && i + 1 < h.length() && Character.isLowSurrogate(h.charAt(i + 1))) {
      cp = Character.toCodePoint(c, h.charAt(i + 1));
    }
    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }
}
